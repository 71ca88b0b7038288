// Attribute parsing for <tumble-sandbox>: good values parse, bad ones give a clear error and the
// default, and nothing throws.
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_CODE, parseGravity, parseHz, parseInteractive, parseRenderer, parseSrc, presetTitle, sceneInput } from './attributes';

const BASE = 'https://example.org/pages/demo.html';

describe('interactive', () => {
  it('takes none, drag and full in any case, and defaults to drag', () => {
    expect(parseInteractive(null)).toEqual({ value: 'drag' });
    expect(parseInteractive('none').value).toBe('none');
    expect(parseInteractive(' FULL ').value).toBe('full');
    expect(parseInteractive('drag').error).toBeUndefined();
  });

  it('reads the bare attribute as full', () => {
    expect(parseInteractive('')).toEqual({ value: 'full' });
  });

  it('rejects anything else with the allowed values and falls back to drag', () => {
    const parsed = parseInteractive('yes please');
    expect(parsed.value).toBe('drag');
    expect(parsed.error?.code).toBe(ATTRIBUTE_CODE);
    expect(parsed.error?.message).toContain('none, drag or full');
    expect(parsed.error?.message).toContain('"yes please"');
  });
});

describe('renderer', () => {
  it('takes auto, canvas2d and webgl2 in any case, and defaults to auto', () => {
    expect(parseRenderer(null)).toEqual({ value: 'auto' });
    expect(parseRenderer('')).toEqual({ value: 'auto' });
    expect(parseRenderer('webgl2')).toEqual({ value: 'webgl2' });
    expect(parseRenderer(' Canvas2D ')).toEqual({ value: 'canvas2d' });
    expect(parseRenderer('AUTO')).toEqual({ value: 'auto' });
  });

  it.each(['webgl', 'canvas', 'gpu', '2d', 'webgpu'])('rejects %j with the allowed values and falls back to auto', (text) => {
    const parsed = parseRenderer(text);
    expect(parsed.value).toBe('auto');
    expect(parsed.error?.code).toBe(ATTRIBUTE_CODE);
    expect(parsed.error?.message).toContain('auto, canvas2d or webgl2');
    expect(parsed.error?.message).toContain(`"${text}"`);
  });
});

describe('gravity', () => {
  it('parses x and y, with spaces or commas', () => {
    expect(parseGravity('0 -9.81')).toEqual({ value: [0, -9.81] });
    expect(parseGravity(' 1.5,  -3 ')).toEqual({ value: [1.5, -3] });
    expect(parseGravity('2e0 -1e1')).toEqual({ value: [2, -10] });
  });

  it('takes one number as y', () => {
    expect(parseGravity('-3.7')).toEqual({ value: [0, -3.7] });
  });

  it('means the scene gravity when absent or empty', () => {
    expect(parseGravity(null)).toEqual({ value: null });
    expect(parseGravity('   ')).toEqual({ value: null });
  });

  it.each(['down', '0 -9.81 4', 'NaN 1', '0 Infinity', '1..2 3', '0; -9.81'])('rejects %j and keeps the scene gravity', (text) => {
    const parsed = parseGravity(text);
    expect(parsed.value).toBeNull();
    expect(parsed.error?.code).toBe(ATTRIBUTE_CODE);
    expect(parsed.error?.message).toContain('"0 -9.81"');
  });
});

describe('hz', () => {
  it('parses a rate from 1 to 1000', () => {
    expect(parseHz('120')).toEqual({ value: 120 });
    expect(parseHz('1')).toEqual({ value: 1 });
    expect(parseHz(' 1000 ')).toEqual({ value: 1000 });
    expect(parseHz(null)).toEqual({ value: null });
  });

  it.each(['0', '-60', '1001', 'fast', 'NaN', '1e9'])('rejects %j and keeps the scene rate', (text) => {
    const parsed = parseHz(text);
    expect(parsed.value).toBeNull();
    expect(parsed.error?.code).toBe(ATTRIBUTE_CODE);
    expect(parsed.error?.message).toContain('1 to 1000');
  });
});

describe('src', () => {
  it('resolves relative URLs against the page', () => {
    expect(parseSrc('scenes/a.json', BASE).value?.href).toBe('https://example.org/pages/scenes/a.json');
    expect(parseSrc('http://other.test/x.json', BASE).value?.href).toBe('http://other.test/x.json');
    expect(parseSrc(null, BASE)).toEqual({ value: null });
  });

  it.each(['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'blob:https://example.org/1'])(
    'refuses the %s scheme',
    (text) => {
      const parsed = parseSrc(text, BASE);
      expect(parsed.value).toBeNull();
      expect(parsed.error?.code).toBe('src.invalid');
      expect(parsed.error?.message).toContain('only http and https');
    },
  );

  it('reports a string that is no URL', () => {
    const parsed = parseSrc('http://', BASE);
    expect(parsed.value).toBeNull();
    expect(parsed.error?.code).toBe('src.invalid');
  });
});

describe('load input', () => {
  it('tells scene JSON from a preset spec', () => {
    expect(sceneInput('pyramid?base=20')).toEqual({ preset: 'pyramid?base=20' });
    expect(sceneInput('  {"format":"tumble-scene"}')).toEqual({ json: '{"format":"tumble-scene"}' });
  });

  it('titles presets for the aria-label', () => {
    expect(presetTitle('newtons_cradle?balls=5')).toBe('Newtons cradle');
    expect(presetTitle('playground')).toBe('Playground');
  });
});
