// The debug drawing a person can switch on, layer by layer.

/** Which debug layers are drawn. */
export interface DebugLayers {
  /** Every collider's bounding box. */
  aabbs: boolean;
  /** Contact points, with their normals scaled by the impulse. */
  contacts: boolean;
  /** Joints: a line between the anchors (on by default: a joint is part of the scene). */
  joints: boolean;
  /** A marker at every dynamic body's centre of mass. */
  centers: boolean;
  /** A marker on every sleeping body. */
  sleep: boolean;
}

/** The layers, in the order the debug menu lists them. */
export const DEBUG_LAYER_NAMES = ['aabbs', 'contacts', 'joints', 'centers', 'sleep'] as const satisfies readonly (keyof DebugLayers)[];

/** Menu labels. */
export const DEBUG_LAYER_LABELS: Readonly<Record<keyof DebugLayers, string>> = {
  aabbs: 'Bounding boxes',
  contacts: 'Contacts',
  joints: 'Joints',
  centers: 'Centres of mass',
  sleep: 'Sleep state',
};

/** Joints shown, nothing else. */
export function defaultDebugLayers(): DebugLayers {
  return { aabbs: false, contacts: false, joints: true, centers: false, sleep: false };
}

/** Every layer on (the `debug` attribute with no value, the D key). */
export function allDebugLayers(): DebugLayers {
  return { aabbs: true, contacts: true, joints: true, centers: true, sleep: true };
}

/** Whether any layer needs the engine's debug lines (boxes, contacts, centres). */
export function needsDebugLines(layers: DebugLayers): boolean {
  return layers.aabbs || layers.contacts || layers.centers;
}

/** Whether any layer beyond the default joints is on. */
export function anyDebug(layers: DebugLayers): boolean {
  return layers.aabbs || layers.contacts || layers.centers || layers.sleep;
}

/**
 * Parses the `debug` attribute: absent → the default; present and empty (or `all`) → every
 * layer; else a space-separated list of layer names (`aabbs contacts`), which turns those on
 * besides joints, and `nojoints` hides joints. Unknown names are returned so the caller can
 * report them.
 */
export function parseDebugLayers(value: string | null): { layers: DebugLayers; unknown: string[] } {
  if (value === null) return { layers: defaultDebugLayers(), unknown: [] };
  const words = value.trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && (words[0] === 'all' || words[0] === 'true'))) return { layers: allDebugLayers(), unknown: [] };
  const layers = defaultDebugLayers();
  const unknown: string[] = [];
  for (const word of words) {
    if (word === 'nojoints') layers.joints = false;
    else if ((DEBUG_LAYER_NAMES as readonly string[]).includes(word)) layers[word as keyof DebugLayers] = true;
    else unknown.push(word);
  }
  return { layers, unknown };
}

/** The `debug` attribute value for `layers` (null: the default, no attribute). */
export function formatDebugLayers(layers: DebugLayers): string | null {
  if (!anyDebug(layers) && layers.joints) return null;
  if (DEBUG_LAYER_NAMES.every((name) => layers[name])) return '';
  const words: string[] = DEBUG_LAYER_NAMES.filter((name) => layers[name] && name !== 'joints');
  if (!layers.joints) words.push('nojoints');
  return words.join(' ');
}
