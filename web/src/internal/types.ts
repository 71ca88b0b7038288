// The scene and API types, mirroring tumble-core's serde (camelCase fields, `type` tags): what
// `spawn`, `addJoint`, `setSettings` and scene objects take, and what `body`, `joint`, `settings`
// and `presets` return. Unknown fields are errors on the Rust side (`arg.invalid`/`scene.parse`).

export type Vec2 = [number, number];

export type ShapeDesc =
  | { type: 'circle'; radius: number }
  | { type: 'box'; width: number; height: number; cornerRadius?: number }
  | { type: 'capsule'; length: number; radius: number }
  | { type: 'polygon'; points: Vec2[] }
  | { type: 'segment'; a: Vec2; b: Vec2 }
  | { type: 'polyline'; points: Vec2[]; closed?: boolean };

export type BodyKind = 'dynamic' | 'static' | 'kinematic';

/** A body as `spawn` takes it and `body(id)` returns it. */
export interface BodyDesc {
  type?: BodyKind;
  shape: ShapeDesc;
  position: Vec2;
  angle?: number;
  linearVelocity?: Vec2;
  angularVelocity?: number;
  density?: number;
  friction?: number;
  restitution?: number;
  linearDamping?: number;
  angularDamping?: number;
  gravityScale?: number;
  ccd?: boolean;
  fixedRotation?: boolean;
  /** `#rrggbb` or `#rrggbbaa`. */
  color?: string;
  sleeping?: boolean;
}

export type JointKind = 'revolute' | 'prismatic' | 'weld' | 'rope' | 'spring';

/**
 * A joint between `bodyA` (or the world, when null or absent) and `bodyB`. In the API the bodies
 * are body ids; in a `Scene` they are indices into the scene's `bodies` (same type, other meaning).
 */
export interface JointDesc {
  type: JointKind;
  bodyA?: number | null;
  bodyB: number;
  anchorA?: Vec2;
  anchorB?: Vec2;
  collideConnected?: boolean;
  limits?: [number, number];
  motor?: { speed: number; maxForce: number };
  axis?: Vec2;
  maxLength?: number;
  referenceAngle?: number;
  restLength?: number;
  stiffness?: number;
  damping?: number;
}

export interface Settings {
  gravity: Vec2;
  hz: number;
  substeps: number;
  iterations: number;
  timeScale: number;
  maxStepsPerAdvance: number;
  sleeping: boolean;
}

export interface PresetParam {
  name: string;
  description: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

export interface PresetInfo {
  category: string;
  name: string;
  description: string;
  params: PresetParam[];
}

export interface CameraHint {
  center: Vec2;
  height: number;
}

/**
 * A scene as JSON holds it (`save()` returns one as text). `joints` name bodies by index into
 * `bodies`. `clock` and `solverState` come from saves: with them a load continues bit-identically.
 */
export interface Scene {
  format: 'tumble-scene';
  version: 1;
  settings?: Partial<Settings>;
  bodies?: BodyDesc[];
  joints?: JointDesc[];
  camera?: CameraHint;
  clock?: { steps: number; accumulator: number };
  solverState?: { encoding: string; checksum: string; data: string; changes?: unknown[] };
}
