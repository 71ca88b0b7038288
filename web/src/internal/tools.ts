// The sandbox's pointer tools (what a press on the canvas does), their keys and help texts, and
// the palette bodies are coloured from.

/**
 * The pointer tools:
 * - `drag` pulls bodies with a spring (empty space pans);
 * - `select` picks bodies and joints (shift adds), moves the selection, or boxes several;
 * - `ball`, `box`, `capsule`: press and drag to size (a click drops a default one);
 * - `polygon`: click corners (click the first again, double-click or Enter to close) or draw it freehand;
 * - `terrain`: a static line through clicked points (double-click or Enter ends) or drawn freehand;
 * - `pin`: a revolute joint at the pointer, between the two bodies there (or a body and the world);
 * - `weld`, `rope`, `spring`: a joint between two picked points (on empty space: the world).
 */
export type Tool = 'drag' | 'select' | 'ball' | 'box' | 'capsule' | 'polygon' | 'terrain' | 'pin' | 'weld' | 'rope' | 'spring';

/** Tools that add a body by drag-to-size. */
export type ShapeTool = 'ball' | 'box' | 'capsule';
/** Tools that join two bodies. */
export type JointTool = 'pin' | 'weld' | 'rope' | 'spring';

export const TOOLS: readonly Tool[] = ['drag', 'select', 'ball', 'box', 'capsule', 'polygon', 'terrain', 'pin', 'weld', 'rope', 'spring'];

/** The key that picks each tool (shown in its tooltip). */
export const TOOL_KEYS: Readonly<Record<Tool, string>> = {
  drag: 'h',
  select: 'v',
  ball: 'b',
  box: 'x',
  capsule: 'c',
  polygon: 'n',
  terrain: 't',
  pin: 'j',
  weld: 'w',
  rope: 'q',
  spring: 's',
};

/** The button label of each tool. */
export const TOOL_LABELS: Readonly<Record<Tool, string>> = {
  drag: 'Drag',
  select: 'Select',
  ball: 'Ball',
  box: 'Box',
  capsule: 'Capsule',
  polygon: 'Polygon',
  terrain: 'Terrain',
  pin: 'Pin',
  weld: 'Weld',
  rope: 'Rope',
  spring: 'Spring',
};

/** What each tool does, for its tooltip. */
export const TOOL_TIPS: Readonly<Record<Tool, string>> = {
  drag: 'Pull bodies with the pointer; drag empty space to pan',
  select: 'Select bodies and joints (Shift adds), drag to move them, drag empty space to box-select',
  ball: 'Press and drag to size a ball; a click drops one',
  box: 'Press and drag corner to corner for a box; a click drops one',
  capsule: 'Press and drag end to end for a capsule; a click drops one',
  polygon: 'Click corners (click the first again or press Enter to close), or draw freehand',
  terrain: 'Click points of static ground (double-click or Enter ends), or draw freehand',
  pin: 'Click where two bodies overlap to pin them there, or on one body to pin it to the world',
  weld: 'Click a point on one body, then one on another, to weld them together',
  rope: 'Click a point on one body, then one on another (or empty space for the world), to tie a rope',
  spring: 'Click a point on one body, then one on another (or empty space for the world), to add a spring',
};

/** Whether `tool` makes a shape by drag-to-size. */
export function isShapeTool(tool: Tool): tool is ShapeTool {
  return tool === 'ball' || tool === 'box' || tool === 'capsule';
}

/** Whether `tool` makes a joint. */
export function isJointTool(tool: Tool): tool is JointTool {
  return tool === 'pin' || tool === 'weld' || tool === 'rope' || tool === 'spring';
}

/** The presets' palette (tumble-core `kit::PALETTE`), so drawn bodies fit in. */
export const PALETTE = ['#e4572e', '#f3a712', '#29bf12', '#4f8fd6', '#a06cd5', '#ef476f'];
