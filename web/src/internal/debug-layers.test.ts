import { describe, expect, it } from 'vitest';
import { allDebugLayers, defaultDebugLayers, formatDebugLayers, parseDebugLayers, type DebugLayers } from './debug-layers';
import { mulberry32 } from './testing/prng';

describe('the debug attribute', () => {
  it('absent is the default, empty or "all" is every layer, a list adds those', () => {
    expect(parseDebugLayers(null).layers).toEqual(defaultDebugLayers());
    expect(parseDebugLayers('').layers).toEqual(allDebugLayers());
    expect(parseDebugLayers('all').layers).toEqual(allDebugLayers());
    expect(parseDebugLayers('aabbs sleep').layers).toEqual({ ...defaultDebugLayers(), aabbs: true, sleep: true });
    expect(parseDebugLayers('centers nojoints').layers).toEqual({ ...defaultDebugLayers(), centers: true, joints: false });
    expect(parseDebugLayers('aabbs, wires').unknown).toEqual(['wires']);
  });

  it('formats every combination to a value that parses back to it', () => {
    const random = mulberry32(3);
    for (let i = 0; i < 200; i++) {
      const layers: DebugLayers = { aabbs: random() < 0.5, contacts: random() < 0.5, joints: random() < 0.5, centers: random() < 0.5, sleep: random() < 0.5 };
      expect(parseDebugLayers(formatDebugLayers(layers)).layers).toEqual(layers);
    }
  });
});
