// The Inspector's fields as data, without the DOM: which fields a body (by shape) or a joint (by
// kind) has, how each reads its value out of a description, and how it writes a new description
// with only that value changed. The panel (inspector.ts) turns these into controls and sends what
// `write` returns to the engine, which checks ranges: nothing here second-guesses it, apart from
// the parsing of what a person typed.

import type { BodyDesc, BodyKind, JointDesc, JointKind, ShapeDesc } from '../../internal/types';

/** What every field has. `D` is the description it edits: BodyDesc or JointDesc. */
interface FieldBase<D> {
  /** Stable name, the control's `data-field` and `name`: `friction`, `shape.radius`, `motor.speed`. */
  readonly key: string;
  /** Visible label. */
  readonly label: string;
  /** A longer explanation, for a tooltip. */
  readonly hint?: string;
  /** The undo label of an edit of this field: `edit friction`. */
  readonly edit: string;
  /** Whether the field applies to `desc` now (a motor's speed needs a motor on); absent: always. */
  readonly enabled?: (desc: D) => boolean;
}

export interface NumberField<D> extends FieldBase<D> {
  readonly kind: 'number';
  /** Unit shown after the value: `m`, `kg/m²`, `rad/s`. */
  readonly unit?: string;
  /** Changes every step while the world runs (velocities): shown rounded, to stay readable. */
  readonly live?: boolean;
  /** A rule of the panel's own, not the engine's (a scale factor is positive): a message, or null. */
  readonly check?: (value: number) => string | null;
  read(desc: D): number;
  write(desc: D, value: number): D;
}

export interface ToggleField<D> extends FieldBase<D> {
  readonly kind: 'checkbox';
  read(desc: D): boolean;
  write(desc: D, value: boolean): D;
}

export interface ChoiceField<D> extends FieldBase<D> {
  readonly kind: 'select';
  readonly options: readonly { readonly value: string; readonly label: string }[];
  read(desc: D): string;
  /** `value` is one of `options`; anything else throws (a bug in the caller). */
  write(desc: D, value: string): D;
}

export interface ColorField<D> extends FieldBase<D> {
  readonly kind: 'color';
  /** `#rrggbb`, what `<input type=color>` shows. */
  read(desc: D): string;
  /** `value` is `#rrggbb`; an alpha the description had is kept. */
  write(desc: D, value: string): D;
}

/** A value that is shown, not edited: a shape's summary, a body's mass. */
export interface Readout<D> {
  readonly kind: 'readout';
  /** Stable name, the output's `data-readout`: `shape`, `mass`, `joint.type`, `joint.bodies`. */
  readonly key: string;
  readonly label: string;
  text(desc: D, facts: Facts): string;
}

/** What a panel knows beyond the description itself. */
export interface Facts {
  /** The body's mass in kg as the engine computes it (0 for static, kinematic, and for joints). */
  readonly mass: number;
}

export type Field<D> = NumberField<D> | ToggleField<D> | ChoiceField<D> | ColorField<D>;
export type Item<D> = Field<D> | Readout<D>;

/** A titled group of items; `note` says something about the whole group. */
export interface Section<D> {
  readonly title: string;
  readonly items: readonly Item<D>[];
  readonly note?: string;
}

// Parsing and showing numbers --------------------------------------------------------------------

/** The message of a field whose text is not a number. */
export const NOT_A_NUMBER = 'Enter a number';

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

// A plain decimal, as a person types it: `2`, `-0.5`, `.5`, `3.`, `1e-3`. Not `0x10`, `1_000` or
// `Infinity`, which Number() would take.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Parses a field's text: a finite decimal number, or the message to show next to the field. */
export function parseNumber(text: string): Parsed {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return { ok: false, message: NOT_A_NUMBER };
  const value = Number(trimmed);
  // `1e999` is a decimal but not a finite number.
  if (!Number.isFinite(value)) return { ok: false, message: NOT_A_NUMBER };
  return { ok: true, value };
}

/**
 * A number as a field shows it. The engine stores f32, so 0.6 comes back as 0.6000000238: six
 * significant digits undo that. Live values (velocities) get three decimals, so they do not
 * flicker in their last digits.
 */
export function formatNumber(value: number, live = false): string {
  if (!Number.isFinite(value)) return String(value);
  // String(-0) is "0".
  return String(live ? Math.round(value * 1000) / 1000 : Number(value.toPrecision(6)));
}

// Colours ----------------------------------------------------------------------------------------

/** The colour a body has when its description names none (tumble-core's `Color::DEFAULT`). */
export const DEFAULT_COLOR = '#4f8fd6ff';

const HEX6 = /^#[0-9a-f]{6}$/i;
const HEX8 = /^#[0-9a-f]{8}$/i;

/** `#rrggbb` (lower case) for `<input type=color>`, from `#rrggbb` or `#rrggbbaa`. */
export function colorInputValue(color: string | undefined): string {
  const c = color !== undefined && (HEX6.test(color) || HEX8.test(color)) ? color : DEFAULT_COLOR;
  return c.slice(0, 7).toLowerCase();
}

/** The picked `#rrggbb` with the alpha suffix of `previous` when it had one (`#rrggbbaa`). */
export function withColor(previous: string | undefined, picked: string): string {
  const alpha = previous !== undefined && HEX8.test(previous) ? previous.slice(7).toLowerCase() : '';
  return picked.toLowerCase() + alpha;
}

// Shapes -----------------------------------------------------------------------------------------

/** A shape multiplied by `factor` about its body's origin. */
export function scaleShape(shape: ShapeDesc, factor: number): ShapeDesc {
  const s = (v: number) => v * factor;
  switch (shape.type) {
    case 'circle':
      return { type: 'circle', radius: s(shape.radius) };
    case 'box': {
      const box: ShapeDesc = { type: 'box', width: s(shape.width), height: s(shape.height) };
      if (shape.cornerRadius !== undefined) box.cornerRadius = s(shape.cornerRadius);
      return box;
    }
    case 'capsule':
      return { type: 'capsule', length: s(shape.length), radius: s(shape.radius) };
    case 'polygon':
      return { type: 'polygon', points: shape.points.map(([x, y]) => [s(x), s(y)]) };
    case 'segment':
      return { type: 'segment', a: [s(shape.a[0]), s(shape.a[1])], b: [s(shape.b[0]), s(shape.b[1])] };
    case 'polyline': {
      const line: ShapeDesc = { type: 'polyline', points: shape.points.map(([x, y]) => [s(x), s(y)]) };
      if (shape.closed !== undefined) line.closed = shape.closed;
      return line;
    }
  }
}

/** One line about a shape: `polygon, 7 points`, `polyline, 5 points, closed`, `segment, 2.5 m long`. */
export function shapeSummary(shape: ShapeDesc): string {
  switch (shape.type) {
    case 'circle':
      return `circle, radius ${formatNumber(shape.radius)} m`;
    case 'box':
      return `box, ${formatNumber(shape.width)} × ${formatNumber(shape.height)} m`;
    case 'capsule':
      return `capsule, ${formatNumber(shape.length)} m long, radius ${formatNumber(shape.radius)} m`;
    case 'polygon':
      return `polygon, ${count(shape.points.length, 'point')}`;
    case 'polyline':
      return `polyline, ${count(shape.points.length, 'point')}${shape.closed ? ', closed' : ''}`;
    case 'segment': {
      const length = Math.hypot(shape.b[0] - shape.a[0], shape.b[1] - shape.a[1]);
      return `segment, ${formatNumber(length)} m long`;
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// Bodies -----------------------------------------------------------------------------------------

// tumble-core's defaults for what a BodyDesc may leave out (`body(id)` always fills them in).
const BODY_DEFAULTS = {
  type: 'dynamic' as BodyKind,
  density: 1,
  friction: 0.6,
  restitution: 0,
  linearDamping: 0,
  angularDamping: 0,
  angularVelocity: 0,
  ccd: false,
};

const BODY_KINDS: readonly BodyKind[] = ['dynamic', 'static', 'kinematic'];

/**
 * Which layout a body needs: bodies with the same key show the same fields. When a refresh finds
 * another key (an undo changed the shape), the panel rebuilds.
 */
export function bodyLayoutKey(desc: BodyDesc): string {
  return `body:${desc.shape.type}`;
}

/**
 * The new description of an edited body. It is woken: a sleeping body that the engine is told to
 * keep asleep gets its velocity zeroed (rapier's `sleep`), and a changed friction or shape should
 * show at once.
 */
function edited(desc: BodyDesc, patch: Partial<BodyDesc>): BodyDesc {
  return { ...desc, ...patch, sleeping: false };
}

function bodyNumber(
  key: string,
  label: string,
  unit: string | undefined,
  read: (desc: BodyDesc) => number,
  write: (desc: BodyDesc, value: number) => Partial<BodyDesc>,
  extra: Partial<Pick<NumberField<BodyDesc>, 'live' | 'hint' | 'edit' | 'check'>> = {},
): NumberField<BodyDesc> {
  return {
    kind: 'number',
    key,
    label,
    ...(unit === undefined ? {} : { unit }),
    edit: `edit ${label.toLowerCase()}`,
    read,
    write: (desc, value) => edited(desc, write(desc, value)),
    ...extra,
  };
}

type ShapeSize = 'radius' | 'width' | 'height' | 'length';

/** A circle's or capsule's radius, a box's width or height, a capsule's length; throws for others. */
function shapeSize(shape: ShapeDesc, size: ShapeSize): number {
  if (size === 'radius' && (shape.type === 'circle' || shape.type === 'capsule')) return shape.radius;
  if (size === 'width' && shape.type === 'box') return shape.width;
  if (size === 'height' && shape.type === 'box') return shape.height;
  if (size === 'length' && shape.type === 'capsule') return shape.length;
  throw new Error(`a ${shape.type} has no ${size}`);
}

function withShapeSize(shape: ShapeDesc, size: ShapeSize, value: number): ShapeDesc {
  shapeSize(shape, size);
  return { ...shape, [size]: value };
}

/** A number field of the shape, for the shape types that have `size`. */
function shapeNumber(size: ShapeSize, label: string): NumberField<BodyDesc> {
  return bodyNumber(
    `shape.${size}`,
    label,
    'm',
    (desc) => shapeSize(desc.shape, size),
    (desc, value) => ({ shape: withShapeSize(desc.shape, size, value) }),
  );
}

const typeField: ChoiceField<BodyDesc> = {
  kind: 'select',
  key: 'type',
  label: 'Type',
  hint: 'Dynamic bodies move; static ones never do; kinematic ones move at their set velocity',
  edit: 'edit body type',
  options: BODY_KINDS.map((kind) => ({ value: kind, label: kind[0]!.toUpperCase() + kind.slice(1) })),
  read: (desc) => desc.type ?? BODY_DEFAULTS.type,
  write: (desc, value) => {
    const kind = BODY_KINDS.find((k) => k === value);
    if (!kind) throw new Error(`not a body type: ${value}`);
    return edited(desc, { type: kind });
  },
};

const scaleField: NumberField<BodyDesc> = {
  kind: 'number',
  key: 'shape.scale',
  label: 'Scale',
  unit: '×',
  hint: 'Multiplies every point by this factor about the body’s origin',
  edit: 'scale shape',
  check: (value) => (value > 0 ? null : 'Enter a number greater than 0'),
  // A factor applied to the shape as it is now, so the shape itself always reads as 1.
  read: () => 1,
  write: (desc, value) => edited(desc, { shape: scaleShape(desc.shape, value) }),
};

const shapeSummaryReadout: Readout<BodyDesc> = {
  kind: 'readout',
  key: 'shape',
  label: 'Shape',
  text: (desc) => shapeSummary(desc.shape),
};

const massReadout: Readout<BodyDesc> = {
  kind: 'readout',
  key: 'mass',
  label: 'Mass',
  // The engine says 0 for bodies that nothing can push; to a person they weigh "infinitely much".
  text: (desc, facts) => {
    const type = desc.type ?? BODY_DEFAULTS.type;
    return type === 'dynamic' ? `${formatNumber(facts.mass)} kg` : `∞ (${type})`;
  },
};

function shapeItems(type: ShapeDesc['type']): Item<BodyDesc>[] {
  switch (type) {
    case 'circle':
      return [shapeNumber('radius', 'Radius')];
    case 'box':
      return [shapeNumber('width', 'Width'), shapeNumber('height', 'Height')];
    case 'capsule':
      return [shapeNumber('length', 'Length'), shapeNumber('radius', 'Radius')];
    case 'polygon':
    case 'polyline':
    case 'segment':
      return [shapeSummaryReadout, scaleField];
  }
}

/** What the panel shows for a body with a shape of `type`, in order. */
export function bodyLayout(type: ShapeDesc['type']): Section<BodyDesc>[] {
  const velocity = (desc: BodyDesc) => desc.linearVelocity ?? [0, 0];
  return [
    { title: 'Body', items: [typeField] },
    { title: 'Shape', items: shapeItems(type) },
    {
      title: 'Material',
      items: [
        bodyNumber('density', 'Density', 'kg/m²', (d) => d.density ?? BODY_DEFAULTS.density, (_, v) => ({ density: v })),
        massReadout,
        bodyNumber('friction', 'Friction', undefined, (d) => d.friction ?? BODY_DEFAULTS.friction, (_, v) => ({ friction: v })),
        bodyNumber('restitution', 'Restitution', undefined, (d) => d.restitution ?? BODY_DEFAULTS.restitution, (_, v) => ({
          restitution: v,
        }), { hint: 'Bounciness: 0 none, 1 elastic' }),
        {
          kind: 'color',
          key: 'color',
          label: 'Colour',
          edit: 'edit colour',
          read: (desc) => colorInputValue(desc.color),
          write: (desc, value) => edited(desc, { color: withColor(desc.color ?? DEFAULT_COLOR, value) }),
        },
      ],
    },
    {
      title: 'Motion',
      items: [
        {
          kind: 'checkbox',
          key: 'ccd',
          label: 'CCD',
          hint: 'Continuous collision detection: stops small fast bodies passing through others',
          edit: 'toggle CCD',
          read: (desc) => desc.ccd ?? BODY_DEFAULTS.ccd,
          write: (desc, value) => edited(desc, { ccd: value }),
        },
        bodyNumber('linearDamping', 'Linear damping', '1/s', (d) => d.linearDamping ?? BODY_DEFAULTS.linearDamping, (_, v) => ({
          linearDamping: v,
        })),
        bodyNumber('angularDamping', 'Angular damping', '1/s', (d) => d.angularDamping ?? BODY_DEFAULTS.angularDamping, (_, v) => ({
          angularDamping: v,
        })),
        bodyNumber('linearVelocity.x', 'Velocity x', 'm/s', (d) => velocity(d)[0], (d, v) => ({ linearVelocity: [v, velocity(d)[1]] }), {
          live: true,
          edit: 'edit velocity',
        }),
        bodyNumber('linearVelocity.y', 'Velocity y', 'm/s', (d) => velocity(d)[1], (d, v) => ({ linearVelocity: [velocity(d)[0], v] }), {
          live: true,
          edit: 'edit velocity',
        }),
        bodyNumber('angularVelocity', 'Angular velocity', 'rad/s', (d) => d.angularVelocity ?? BODY_DEFAULTS.angularVelocity, (_, v) => ({
          angularVelocity: v,
        }), { live: true }),
      ],
    },
  ];
}

// Joints -----------------------------------------------------------------------------------------

/** tumble-core's spring defaults, for a spring joint whose description leaves them out. */
export const SPRING_DEFAULTS = { stiffness: 100, damping: 2, restLength: 0 } as const;

/** Limits a joint gets when they are turned on and it never had any: ±1 rad, or ±1 m. */
export const DEFAULT_LIMITS: readonly [number, number] = [-1, 1];

/** The motor a joint gets when it is turned on and it never had one. */
export function defaultMotor(kind: JointKind): { speed: number; maxForce: number } {
  return { speed: kind === 'revolute' ? 2 : 1, maxForce: 1000 };
}

/**
 * Limits and motor a joint had before they were turned off, so that turning them back on restores
 * them. The panel keeps one per joint and updates it with `remember` on every read.
 */
export interface JointMemory {
  limits?: [number, number];
  motor?: { speed: number; maxForce: number };
}

/** Notes the joint's limits and motor, when it has them, in `memory`. */
export function remember(memory: JointMemory, desc: JointDesc): void {
  if (desc.limits) memory.limits = [desc.limits[0], desc.limits[1]];
  if (desc.motor) memory.motor = { ...desc.motor };
}

/** Which layout a joint needs (see bodyLayoutKey). */
export function jointLayoutKey(desc: JointDesc): string {
  return `joint:${desc.type}`;
}

function jointNumber(
  key: string,
  label: string,
  unit: string,
  edit: string,
  read: (desc: JointDesc) => number,
  write: (desc: JointDesc, value: number) => Partial<JointDesc>,
  enabled?: (desc: JointDesc) => boolean,
): NumberField<JointDesc> {
  return {
    kind: 'number',
    key,
    label,
    unit,
    edit,
    read,
    write: (desc, value) => ({ ...desc, ...write(desc, value) }),
    ...(enabled ? { enabled } : {}),
  };
}

function without(desc: JointDesc, key: 'limits' | 'motor'): JointDesc {
  const next = { ...desc };
  delete next[key];
  return next;
}

function limitItems(kind: 'revolute' | 'prismatic', memory: JointMemory): Item<JointDesc>[] {
  const unit = kind === 'revolute' ? 'rad' : 'm';
  const limits = (desc: JointDesc): [number, number] => desc.limits ?? memory.limits ?? [DEFAULT_LIMITS[0], DEFAULT_LIMITS[1]];
  const on = (desc: JointDesc) => desc.limits !== undefined;
  return [
    {
      kind: 'checkbox',
      key: 'limits.enabled',
      label: 'Limited',
      hint: kind === 'revolute' ? 'Keep the relative angle between min and max' : 'Keep the slide offset between min and max',
      edit: 'toggle limits',
      read: on,
      write: (desc, value) => (value ? { ...desc, limits: limits(desc) } : without(desc, 'limits')),
    },
    jointNumber('limits.min', 'Min', unit, 'edit limits', (d) => limits(d)[0], (d, v) => ({ limits: [v, limits(d)[1]] }), on),
    jointNumber('limits.max', 'Max', unit, 'edit limits', (d) => limits(d)[1], (d, v) => ({ limits: [limits(d)[0], v] }), on),
  ];
}

function motorItems(kind: 'revolute' | 'prismatic', memory: JointMemory): Item<JointDesc>[] {
  const motor = (desc: JointDesc) => desc.motor ?? memory.motor ?? defaultMotor(kind);
  const on = (desc: JointDesc) => desc.motor !== undefined;
  return [
    {
      kind: 'checkbox',
      key: 'motor.enabled',
      label: 'Motor on',
      edit: 'toggle motor',
      read: on,
      write: (desc, value) => (value ? { ...desc, motor: { ...motor(desc) } } : without(desc, 'motor')),
    },
    jointNumber('motor.speed', 'Speed', kind === 'revolute' ? 'rad/s' : 'm/s', 'edit motor speed', (d) => motor(d).speed, (d, v) => ({
      motor: { ...motor(d), speed: v },
    }), on),
    jointNumber('motor.maxForce', 'Max force', kind === 'revolute' ? 'N·m' : 'N', 'edit motor force', (d) => motor(d).maxForce, (d, v) => ({
      motor: { ...motor(d), maxForce: v },
    }), on),
  ];
}

/** A spring's stiffness, damping or rest length, or tumble-core's default when it names none. */
function springValue(key: keyof typeof SPRING_DEFAULTS): (desc: JointDesc) => number {
  return (desc) => desc[key] ?? SPRING_DEFAULTS[key];
}

const jointReadouts: Readout<JointDesc>[] = [
  { kind: 'readout', key: 'joint.type', label: 'Type', text: (desc) => desc.type },
  {
    kind: 'readout',
    key: 'joint.bodies',
    label: 'Bodies',
    text: (desc) => `${desc.bodyA === undefined || desc.bodyA === null ? 'world' : `#${desc.bodyA}`} – #${desc.bodyB}`,
  },
];

/**
 * What the panel shows for a joint of `kind`, in order: only the fields that kind has. `memory`
 * supplies the limits and motor that turning them on restores (see JointMemory).
 */
export function jointLayout(kind: JointKind, memory: JointMemory = {}): Section<JointDesc>[] {
  switch (kind) {
    case 'revolute':
    case 'prismatic':
      return [
        { title: 'Joint', items: jointReadouts },
        { title: 'Limits', items: limitItems(kind, memory) },
        { title: 'Motor', items: motorItems(kind, memory) },
      ];
    case 'spring':
      return [
        { title: 'Joint', items: jointReadouts },
        {
          title: 'Spring',
          items: [
            jointNumber('stiffness', 'Stiffness', 'N/m', 'edit stiffness', springValue('stiffness'), (_, v) => ({ stiffness: v })),
            jointNumber('damping', 'Damping', 'N·s/m', 'edit damping', springValue('damping'), (_, v) => ({ damping: v })),
            jointNumber('restLength', 'Rest length', 'm', 'edit rest length', springValue('restLength'), (_, v) => ({ restLength: v })),
          ],
        },
      ];
    case 'rope':
      return [
        { title: 'Joint', items: jointReadouts },
        {
          title: 'Rope',
          items: [jointNumber('maxLength', 'Max length', 'm', 'edit rope length', (d) => d.maxLength ?? 0, (_, v) => ({ maxLength: v }))],
        },
      ];
    case 'weld':
      return [{ title: 'Joint', items: jointReadouts, note: 'A weld holds its bodies rigidly together: it has nothing to edit.' }];
  }
}

/** The fields (not readouts) of a layout, in order. */
export function fieldsOf<D>(sections: readonly Section<D>[]): Field<D>[] {
  return sections.flatMap((s) => s.items).filter((item): item is Field<D> => item.kind !== 'readout');
}

/** The field named `key` in a layout; throws when there is none. */
export function fieldOf<D>(sections: readonly Section<D>[], key: string): Field<D> {
  const field = fieldsOf(sections).find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
}
