import { describe, expect, it } from 'vitest';
import type { BodyDesc, JointDesc, JointKind, ShapeDesc } from '../../internal/types';
import {
  bodyLayout,
  bodyLayoutKey,
  colorInputValue,
  DEFAULT_LIMITS,
  defaultMotor,
  fieldOf,
  fieldsOf,
  formatNumber,
  jointLayout,
  jointLayoutKey,
  NOT_A_NUMBER,
  parseNumber,
  remember,
  scaleShape,
  shapeSummary,
  SPRING_DEFAULTS,
  withColor,
  type Field,
  type JointMemory,
  type NumberField,
  type Readout,
  type Section,
} from './inspector-fields';

const SHAPES: Record<ShapeDesc['type'], ShapeDesc> = {
  circle: { type: 'circle', radius: 0.5 },
  box: { type: 'box', width: 2, height: 1, cornerRadius: 0.1 },
  capsule: { type: 'capsule', length: 1.5, radius: 0.25 },
  polygon: { type: 'polygon', points: [[0, 0], [2, 0], [1, 1.5]] },
  segment: { type: 'segment', a: [-1, 0], b: [2, 4] },
  polyline: { type: 'polyline', points: [[0, 0], [1, 0], [1, 1], [0, 1]], closed: true },
};

/** A body as `body(id)` returns it: every field present, asleep, with an alpha colour. */
function body(shape: ShapeDesc = SHAPES.circle): Required<BodyDesc> {
  return {
    type: 'dynamic',
    shape,
    position: [3, 4],
    angle: 0.25,
    linearVelocity: [1.5, -2],
    angularVelocity: 0.75,
    density: 2,
    friction: 0.6,
    restitution: 0.1,
    linearDamping: 0.05,
    angularDamping: 0.2,
    gravityScale: 1,
    ccd: false,
    fixedRotation: false,
    color: '#112233cc',
    sleeping: true,
  };
}

function joint(type: JointKind, extra: Partial<JointDesc> = {}): JointDesc {
  return { type, bodyA: 4, bodyB: 9, anchorA: [0, 0], anchorB: [0.5, 0], collideConnected: false, ...extra };
}

/** A copy that tests can compare the original against, to catch mutation. */
function clone<T>(value: T): T {
  return structuredClone(value);
}

function numberField<D>(sections: Section<D>[], key: string): NumberField<D> {
  const field = fieldOf(sections, key);
  if (field.kind !== 'number') throw new Error(`${key} is a ${field.kind} field`);
  return field;
}

function readouts<D>(sections: Section<D>[]): Readout<D>[] {
  return sections.flatMap((s) => s.items).filter((i): i is Readout<D> => i.kind === 'readout');
}

/** Every field's value, by key: what the panel would show. */
function values<D>(fields: Field<D>[], desc: D): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.key, f.read(desc)]));
}

/** A different value of the field's kind, for writing. */
function otherValue<D>(field: Field<D>, desc: D): number | boolean | string {
  switch (field.kind) {
    case 'number':
      return field.read(desc) + 0.375;
    case 'checkbox':
      return !field.read(desc);
    case 'select':
      return field.options.map((o) => o.value).find((v) => v !== field.read(desc))!;
    case 'color':
      return field.read(desc) === '#abcdef' ? '#fedcba' : '#abcdef';
  }
}

function write<D>(field: Field<D>, desc: D, value: number | boolean | string): D {
  switch (field.kind) {
    case 'number':
      return field.write(desc, value as number);
    case 'checkbox':
      return field.write(desc, value as boolean);
    case 'select':
    case 'color':
      return field.write(desc, value as string);
  }
}

const BODY_KEYS = new Set(Object.keys(body()));
const JOINT_KEYS = new Set([
  'type', 'bodyA', 'bodyB', 'anchorA', 'anchorB', 'collideConnected', 'limits', 'motor', 'axis', 'maxLength',
  'referenceAngle', 'restLength', 'stiffness', 'damping',
]);

describe('parseNumber', () => {
  it.each([
    ['2', 2],
    ['-0.5', -0.5],
    ['+3', 3],
    ['.5', 0.5],
    ['3.', 3],
    ['1e-3', 0.001],
    ['2.5E2', 250],
    ['  0.25 ', 0.25],
    ['0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it.each(['', '   ', 'abc', 'NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '1_000', '1,5', '1.2.3', '--1', 'e5', '5e', '1 2'])(
    'refuses %j with "Enter a number"',
    (text) => {
      expect(parseNumber(text)).toEqual({ ok: false, message: NOT_A_NUMBER });
    },
  );

  it('says exactly "Enter a number"', () => {
    expect(NOT_A_NUMBER).toBe('Enter a number');
  });
});

describe('formatNumber', () => {
  it('hides the float32 noise the engine returns', () => {
    expect(formatNumber(Math.fround(0.6))).toBe('0.6');
    expect(formatNumber(Math.fround(0.1))).toBe('0.1');
    expect(formatNumber(Math.fround(1000.7))).toBe('1000.7');
  });

  it('keeps six significant digits', () => {
    expect(formatNumber(Math.PI)).toBe('3.14159');
    expect(formatNumber(123456789)).toBe('123457000');
    expect(formatNumber(-0.000123456789)).toBe('-0.000123457');
  });

  it('rounds live values to three decimals, so they do not flicker', () => {
    expect(formatNumber(1.23456, true)).toBe('1.235');
    expect(formatNumber(-2.0004, true)).toBe('-2');
    expect(formatNumber(12345.6789, true)).toBe('12345.679');
  });

  it('never shows -0', () => {
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0.0001, true)).toBe('0');
  });

  it('gives text that parseNumber reads back', () => {
    for (const v of [0, 1, -7.25, Math.fround(0.3), 1e-7, 2.5e12, Math.E]) {
      const parsed = parseNumber(formatNumber(v));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toBeCloseTo(v, 5);
    }
  });
});

describe('colours', () => {
  it('shows #rrggbb (lower case) for the colour input', () => {
    expect(colorInputValue('#112233cc')).toBe('#112233');
    expect(colorInputValue('#AABBCC')).toBe('#aabbcc');
  });

  it('shows the default colour for a missing or malformed one', () => {
    expect(colorInputValue(undefined)).toBe('#4f8fd6');
    expect(colorInputValue('red')).toBe('#4f8fd6');
    expect(colorInputValue('#12345')).toBe('#4f8fd6');
  });

  it('keeps an alpha suffix the body had, and adds none it did not have', () => {
    expect(withColor('#112233cc', '#ff8800')).toBe('#ff8800cc');
    expect(withColor('#112233', '#FF8800')).toBe('#ff8800');
    expect(withColor(undefined, '#ff8800')).toBe('#ff8800');
    expect(withColor('#112233CC', '#ff8800')).toBe('#ff8800cc');
  });
});

describe('scaleShape', () => {
  it('scales every kind of shape about the origin', () => {
    expect(scaleShape(SHAPES.circle, 2)).toEqual({ type: 'circle', radius: 1 });
    expect(scaleShape(SHAPES.box, 2)).toEqual({ type: 'box', width: 4, height: 2, cornerRadius: 0.2 });
    expect(scaleShape(SHAPES.capsule, 2)).toEqual({ type: 'capsule', length: 3, radius: 0.5 });
    expect(scaleShape(SHAPES.polygon, 0.5)).toEqual({ type: 'polygon', points: [[0, 0], [1, 0], [0.5, 0.75]] });
    expect(scaleShape(SHAPES.segment, 3)).toEqual({ type: 'segment', a: [-3, 0], b: [6, 12] });
    expect(scaleShape(SHAPES.polyline, 2)).toEqual({ type: 'polyline', points: [[0, 0], [2, 0], [2, 2], [0, 2]], closed: true });
  });

  it('adds no optional field the shape did not have', () => {
    expect(scaleShape({ type: 'box', width: 1, height: 1 }, 2)).not.toHaveProperty('cornerRadius');
    expect(scaleShape({ type: 'polyline', points: [[0, 0], [1, 1]] }, 2)).not.toHaveProperty('closed');
  });

  it('leaves its argument alone', () => {
    const before = clone(SHAPES.polygon);
    scaleShape(SHAPES.polygon, 3);
    expect(SHAPES.polygon).toEqual(before);
  });
});

describe('shapeSummary', () => {
  it('counts the points of point shapes', () => {
    const heptagon: ShapeDesc = { type: 'polygon', points: Array.from({ length: 7 }, (_, i) => [Math.cos(i), Math.sin(i)]) };
    expect(shapeSummary(heptagon)).toBe('polygon, 7 points');
    expect(shapeSummary(SHAPES.polyline)).toBe('polyline, 4 points, closed');
    expect(shapeSummary({ type: 'polyline', points: [[0, 0], [1, 0]] })).toBe('polyline, 2 points');
  });

  it('gives a segment its length', () => {
    expect(shapeSummary(SHAPES.segment)).toBe('segment, 5 m long');
  });

  it('describes the sized shapes too', () => {
    expect(shapeSummary(SHAPES.circle)).toBe('circle, radius 0.5 m');
    expect(shapeSummary(SHAPES.box)).toBe('box, 2 × 1 m');
  });
});

describe('bodyLayout', () => {
  const common = ['type', 'density', 'friction', 'restitution', 'color', 'ccd', 'linearDamping', 'angularDamping'];
  const live = ['linearVelocity.x', 'linearVelocity.y', 'angularVelocity'];

  it.each([
    ['circle', ['shape.radius']],
    ['box', ['shape.width', 'shape.height']],
    ['capsule', ['shape.length', 'shape.radius']],
    ['polygon', ['shape.scale']],
    ['polyline', ['shape.scale']],
    ['segment', ['shape.scale']],
  ] as const)('gives a %s the fields %j for its size', (type, sizes) => {
    const keys = fieldsOf(bodyLayout(type)).map((f) => f.key);
    expect(keys).toEqual(['type', ...sizes, ...common.slice(1), ...live]);
  });

  it('shows a summary of point shapes and the mass of every body', () => {
    expect(readouts(bodyLayout('polygon')).map((r) => r.key)).toEqual(['shape', 'mass']);
    expect(readouts(bodyLayout('circle')).map((r) => r.key)).toEqual(['mass']);
    const summary = readouts(bodyLayout('polygon'))[0]!;
    expect(summary.text(body(SHAPES.polygon), { mass: 0 })).toBe('polygon, 3 points');
  });

  it('gives every field a label, an undo label and a unique key', () => {
    for (const type of Object.keys(SHAPES) as ShapeDesc['type'][]) {
      const fields = fieldsOf(bodyLayout(type));
      expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
      for (const f of fields) {
        expect(f.label).not.toBe('');
        expect(f.edit).toMatch(/^(edit|scale|toggle) /);
      }
    }
    expect(fieldOf(bodyLayout('circle'), 'friction').edit).toBe('edit friction');
    expect(fieldOf(bodyLayout('circle'), 'linearDamping').edit).toBe('edit linear damping');
  });

  it('marks the velocities live and nothing else', () => {
    const liveKeys = fieldsOf(bodyLayout('box'))
      .filter((f) => f.kind === 'number' && f.live)
      .map((f) => f.key);
    expect(liveKeys).toEqual(live);
  });

  it('offers the three body types', () => {
    const type = fieldOf(bodyLayout('circle'), 'type');
    expect(type.kind).toBe('select');
    if (type.kind === 'select') expect(type.options.map((o) => o.value)).toEqual(['dynamic', 'static', 'kinematic']);
  });

  it('keys the layout by shape type', () => {
    expect(bodyLayoutKey(body(SHAPES.box))).toBe('body:box');
    expect(bodyLayoutKey(body(SHAPES.box))).not.toBe(bodyLayoutKey(body(SHAPES.circle)));
  });
});

describe('reading a body', () => {
  it('reads every field of a full description', () => {
    const desc = body(SHAPES.capsule);
    expect(values(fieldsOf(bodyLayout('capsule')), desc)).toEqual({
      type: 'dynamic',
      'shape.length': 1.5,
      'shape.radius': 0.25,
      density: 2,
      friction: 0.6,
      restitution: 0.1,
      color: '#112233',
      ccd: false,
      linearDamping: 0.05,
      angularDamping: 0.2,
      'linearVelocity.x': 1.5,
      'linearVelocity.y': -2,
      angularVelocity: 0.75,
    });
  });

  it("reads tumble-core's defaults where a description leaves fields out", () => {
    const desc: BodyDesc = { shape: SHAPES.box, position: [0, 0] };
    expect(values(fieldsOf(bodyLayout('box')), desc)).toEqual({
      type: 'dynamic',
      'shape.width': 2,
      'shape.height': 1,
      density: 1,
      friction: 0.6,
      restitution: 0,
      color: '#4f8fd6',
      ccd: false,
      linearDamping: 0,
      angularDamping: 0,
      'linearVelocity.x': 0,
      'linearVelocity.y': 0,
      angularVelocity: 0,
    });
  });

  it('reads a scale of 1 whatever the shape: it is a factor applied to the shape as it is', () => {
    expect(fieldOf(bodyLayout('polygon'), 'shape.scale').read(body(SHAPES.polygon))).toBe(1);
  });

  it('shows a dynamic body’s mass, and ∞ for bodies nothing can push', () => {
    const mass = readouts(bodyLayout('circle')).find((r) => r.key === 'mass')!;
    expect(mass.text(body(), { mass: Math.fround(2.5) })).toBe('2.5 kg');
    expect(mass.text({ ...body(), type: 'static' }, { mass: 0 })).toBe('∞ (static)');
    expect(mass.text({ ...body(), type: 'kinematic' }, { mass: 0 })).toBe('∞ (kinematic)');
  });
});

describe('editing a body', () => {
  it.each(Object.keys(SHAPES) as ShapeDesc['type'][])('changes only the edited field of a %s, and wakes it', (type) => {
    const sections = bodyLayout(type);
    const fields = fieldsOf(sections).filter((f) => f.key !== 'shape.scale');
    const desc = body(SHAPES[type]);
    const pristine = clone(desc);
    const before = values(fields, desc);
    for (const field of fields) {
      const value = otherValue(field, desc);
      const next = write(field, desc, value);
      expect(desc, `${field.key} mutated its input`).toEqual(pristine);
      expect(field.read(next), field.key).toEqual(value);
      expect(values(fields, next)).toEqual({ ...before, [field.key]: value });
      // Everything the panel does not show is kept, apart from waking the body.
      expect(next.position).toEqual(desc.position);
      expect(next.angle).toBe(desc.angle);
      expect(next.gravityScale).toBe(desc.gravityScale);
      expect(next.sleeping).toBe(false);
      for (const key of Object.keys(next)) expect(BODY_KEYS, `${field.key} added ${key}`).toContain(key);
    }
  });

  it('edits velocity components independently', () => {
    const fields = bodyLayout('circle');
    const x = numberField(fields, 'linearVelocity.x').write(body(), 9);
    expect(x.linearVelocity).toEqual([9, -2]);
    const y = numberField(fields, 'linearVelocity.y').write(body(), 9);
    expect(y.linearVelocity).toEqual([1.5, 9]);
  });

  it('writes the shape size into the shape and keeps its other properties', () => {
    expect(numberField(bodyLayout('box'), 'shape.width').write(body(SHAPES.box), 3).shape).toEqual({
      type: 'box',
      width: 3,
      height: 1,
      cornerRadius: 0.1,
    });
    expect(numberField(bodyLayout('capsule'), 'shape.radius').write(body(SHAPES.capsule), 0.4).shape).toEqual({
      type: 'capsule',
      length: 1.5,
      radius: 0.4,
    });
  });

  it('refuses to write a size the shape does not have (a stale layout), instead of adding it', () => {
    const radius = numberField(bodyLayout('circle'), 'shape.radius');
    expect(() => radius.write(body(SHAPES.box), 1)).toThrow(/box has no radius/);
    expect(() => radius.read(body(SHAPES.polygon))).toThrow(/polygon has no radius/);
  });

  it('scales the points of a polygon about the origin', () => {
    const next = numberField(bodyLayout('polygon'), 'shape.scale').write(body(SHAPES.polygon), 2);
    expect(next.shape).toEqual({ type: 'polygon', points: [[0, 0], [4, 0], [2, 3]] });
    expect(next.position).toEqual([3, 4]);
  });

  it('lets only a positive scale through', () => {
    const scale = numberField(bodyLayout('segment'), 'shape.scale');
    expect(scale.check?.(0.5)).toBeNull();
    expect(scale.check?.(0)).toMatch(/greater than 0/);
    expect(scale.check?.(-2)).toMatch(/greater than 0/);
  });

  it('keeps the alpha of a colour', () => {
    const color = fieldOf(bodyLayout('circle'), 'color');
    if (color.kind !== 'color') throw new Error('not a colour field');
    expect(color.write(body(), '#00ff00').color).toBe('#00ff00cc');
    expect(color.write({ ...body(), color: '#445566' }, '#00ff00').color).toBe('#00ff00');
  });

  it('refuses a body type that does not exist', () => {
    const type = fieldOf(bodyLayout('circle'), 'type');
    if (type.kind !== 'select') throw new Error('not a select');
    expect(type.write(body(), 'static').type).toBe('static');
    expect(() => type.write(body(), 'floating')).toThrow(/not a body type/);
  });

  it('turns CCD on and off', () => {
    const ccd = fieldOf(bodyLayout('circle'), 'ccd');
    if (ccd.kind !== 'checkbox') throw new Error('not a checkbox');
    expect(ccd.write(body(), true).ccd).toBe(true);
    expect(ccd.write({ ...body(), ccd: true }, false).ccd).toBe(false);
  });
});

describe('jointLayout', () => {
  it.each([
    ['revolute', ['limits.enabled', 'limits.min', 'limits.max', 'motor.enabled', 'motor.speed', 'motor.maxForce']],
    ['prismatic', ['limits.enabled', 'limits.min', 'limits.max', 'motor.enabled', 'motor.speed', 'motor.maxForce']],
    ['spring', ['stiffness', 'damping', 'restLength']],
    ['rope', ['maxLength']],
    ['weld', []],
  ] as const)('gives a %s joint the fields %j', (kind, keys) => {
    expect(fieldsOf(jointLayout(kind)).map((f) => f.key)).toEqual(keys);
  });

  it('shows every joint’s type and bodies, read-only', () => {
    for (const kind of ['revolute', 'prismatic', 'weld', 'rope', 'spring'] as const) {
      const [type, bodies] = readouts(jointLayout(kind));
      expect(type!.text(joint(kind), { mass: 0 })).toBe(kind);
      expect(bodies!.text(joint(kind), { mass: 0 })).toBe('#4 – #9');
      expect(bodies!.text(joint(kind, { bodyA: null }), { mass: 0 })).toBe('world – #9');
    }
  });

  it('says why a weld has no fields', () => {
    expect(jointLayout('weld')[0]!.note).toMatch(/nothing to edit/);
  });

  it('uses units of angle for revolute joints and of length for prismatic ones', () => {
    expect(numberField(jointLayout('revolute'), 'limits.min').unit).toBe('rad');
    expect(numberField(jointLayout('revolute'), 'motor.speed').unit).toBe('rad/s');
    expect(numberField(jointLayout('prismatic'), 'limits.max').unit).toBe('m');
    expect(numberField(jointLayout('prismatic'), 'motor.speed').unit).toBe('m/s');
  });

  it('keys the layout by joint type', () => {
    expect(jointLayoutKey(joint('rope', { maxLength: 2 }))).toBe('joint:rope');
  });
});

describe('editing a joint', () => {
  const full = {
    revolute: joint('revolute', { limits: [-0.5, 0.5], motor: { speed: 3, maxForce: 50 } }),
    prismatic: joint('prismatic', { limits: [-2, 1], motor: { speed: 0.5, maxForce: 80 }, axis: [0, 1] }),
    spring: joint('spring', { stiffness: 30, damping: 1, restLength: 2 }),
    rope: joint('rope', { maxLength: 4 }),
  };

  it.each(Object.keys(full) as (keyof typeof full)[])('changes only the edited field of a %s joint', (kind) => {
    const desc = full[kind];
    const pristine = clone(desc);
    const fields = fieldsOf(jointLayout(kind));
    const before = values(fields, desc);
    for (const field of fields.filter((f) => f.kind === 'number')) {
      const value = otherValue(field, desc);
      const next = write(field, desc, value);
      expect(desc).toEqual(pristine);
      expect(values(fields, next)).toEqual({ ...before, [field.key]: value });
      expect(next.bodyA).toBe(4);
      expect(next.bodyB).toBe(9);
      expect(next.anchorB).toEqual([0.5, 0]);
      for (const key of Object.keys(next)) expect(JOINT_KEYS).toContain(key);
    }
  });

  it('writes only the fields a joint kind has (the engine refuses the others)', () => {
    const spring = fieldsOf(jointLayout('spring'));
    let desc = joint('spring');
    for (const field of spring) desc = write(field, desc, otherValue(field, desc));
    expect(Object.keys(desc).sort()).toEqual(['anchorA', 'anchorB', 'bodyA', 'bodyB', 'collideConnected', 'damping', 'restLength', 'stiffness', 'type']);
  });

  it("reads a spring's defaults when it names none", () => {
    expect(values(fieldsOf(jointLayout('spring')), joint('spring'))).toEqual({
      stiffness: SPRING_DEFAULTS.stiffness,
      damping: SPRING_DEFAULTS.damping,
      restLength: SPRING_DEFAULTS.restLength,
    });
    expect(SPRING_DEFAULTS).toEqual({ stiffness: 100, damping: 2, restLength: 0 });
  });

  it('turns a motor on with 2 rad/s and 1000 N·m when the joint never had one', () => {
    const layout = jointLayout('revolute', {});
    const motor = fieldOf(layout, 'motor.enabled');
    if (motor.kind !== 'checkbox') throw new Error('not a checkbox');
    const desc = joint('revolute');
    expect(motor.read(desc)).toBe(false);
    expect(numberField(layout, 'motor.speed').enabled?.(desc)).toBe(false);
    const on = motor.write(desc, true);
    expect(on.motor).toEqual({ speed: 2, maxForce: 1000 });
    expect(motor.read(on)).toBe(true);
    expect(numberField(layout, 'motor.speed').enabled?.(on)).toBe(true);
    expect(defaultMotor('prismatic')).toEqual({ speed: 1, maxForce: 1000 });
  });

  it('turns a motor off by removing it, and back on with the motor it had', () => {
    const memory: JointMemory = {};
    const layout = jointLayout('prismatic', memory);
    const motor = fieldOf(layout, 'motor.enabled');
    if (motor.kind !== 'checkbox') throw new Error('not a checkbox');
    remember(memory, full.prismatic);
    const off = motor.write(full.prismatic, false);
    expect(off).not.toHaveProperty('motor');
    expect(off.limits).toEqual([-2, 1]);
    // Off, the fields show what turning it on would restore.
    expect(numberField(layout, 'motor.speed').read(off)).toBe(0.5);
    expect(motor.write(off, true).motor).toEqual({ speed: 0.5, maxForce: 80 });
  });

  it('edits speed and force without touching each other', () => {
    const layout = jointLayout('revolute');
    expect(numberField(layout, 'motor.speed').write(full.revolute, -1).motor).toEqual({ speed: -1, maxForce: 50 });
    expect(numberField(layout, 'motor.maxForce').write(full.revolute, 7).motor).toEqual({ speed: 3, maxForce: 7 });
  });

  it('turns limits on at ±1 when the joint never had any, and off by removing them', () => {
    const layout = jointLayout('revolute');
    const limits = fieldOf(layout, 'limits.enabled');
    if (limits.kind !== 'checkbox') throw new Error('not a checkbox');
    expect(limits.write(joint('revolute'), true).limits).toEqual([...DEFAULT_LIMITS]);
    expect(DEFAULT_LIMITS).toEqual([-1, 1]);
    expect(limits.write(full.revolute, false)).not.toHaveProperty('limits');
    expect(numberField(layout, 'limits.min').enabled?.(joint('revolute'))).toBe(false);
    expect(numberField(layout, 'limits.min').enabled?.(full.revolute)).toBe(true);
  });

  it('edits min and max independently', () => {
    const layout = jointLayout('revolute');
    expect(numberField(layout, 'limits.min').write(full.revolute, -1.25).limits).toEqual([-1.25, 0.5]);
    expect(numberField(layout, 'limits.max').write(full.revolute, 2).limits).toEqual([-0.5, 2]);
  });

  it('restores the limits a joint had', () => {
    const memory: JointMemory = {};
    remember(memory, full.revolute);
    const limits = fieldOf(jointLayout('revolute', memory), 'limits.enabled');
    if (limits.kind !== 'checkbox') throw new Error('not a checkbox');
    expect(limits.write(joint('revolute'), true).limits).toEqual([-0.5, 0.5]);
  });

  it('remembers copies, not the description’s own arrays', () => {
    const desc = joint('revolute', { limits: [-1, 2], motor: { speed: 1, maxForce: 2 } });
    const memory: JointMemory = {};
    remember(memory, desc);
    desc.limits![0] = 99;
    desc.motor!.speed = 99;
    expect(memory).toEqual({ limits: [-1, 2], motor: { speed: 1, maxForce: 2 } });
    remember(memory, joint('revolute'));
    expect(memory).toEqual({ limits: [-1, 2], motor: { speed: 1, maxForce: 2 } });
  });

  it('labels joint edits for undo', () => {
    expect(fieldOf(jointLayout('spring'), 'restLength').edit).toBe('edit rest length');
    expect(fieldOf(jointLayout('revolute'), 'motor.enabled').edit).toBe('toggle motor');
    expect(fieldOf(jointLayout('rope'), 'maxLength').edit).toBe('edit rope length');
  });
});
