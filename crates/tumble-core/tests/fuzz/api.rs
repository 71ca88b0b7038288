//! Random sequences of API calls with sane, hostile and stale arguments.
//!
//! Every description starts sane and then gets zero to two "corruptions": one field set to a
//! hostile value (NaN, ±inf, 1e30, 1e-30, negative, zero, past a limit). The corruption's label
//! names the class of bad input in the tally, e.g. `spawn body.density=NaN`.

use proptest::prelude::*;
use tumble_core::id::MAX_GENERATION;
use tumble_core::{
    BodyDesc, BodyId, BodyKind, Color, JointDesc, JointId, JointKind, Limits, Motor, Settings,
    ShapeDesc,
};

/// A hostile number with its label.
pub fn special_f32() -> impl Strategy<Value = (f32, &'static str)> {
    prop::sample::select(vec![
        (f32::NAN, "NaN"),
        (-f32::NAN, "-NaN"),
        (f32::INFINITY, "+inf"),
        (f32::NEG_INFINITY, "-inf"),
        (1.0e30, "1e30"),
        (-1.0e30, "-1e30"),
        (1.0e-30, "1e-30"),
        (-1.0e-30, "-1e-30"),
        (f32::MAX, "f32::MAX"),
        (f32::MIN, "f32::MIN"),
        (1.0e-45, "subnormal"),
        (0.0, "0"),
        (-0.0, "-0"),
        (-1.0, "-1"),
        (1.0e6, "1e6 (limit)"),
        (1.000_000_1e6, "just past 1e6"),
        (-1.0e6, "-1e6 (limit)"),
        (1.0e7, "1e7"),
        (9.99e-4, "just under MIN_SIZE"),
        (1.0e9, "1e9"),
        (2.0e9, "2e9"),
        (100.5, "100.5"),
        (1000.5, "1000.5"),
    ])
}

/// Whether the API must refuse `v` wherever it appears (no field accepts these).
pub fn always_bad(v: f32) -> bool {
    !v.is_finite() || v.abs() > 1.0e9
}

fn sane_point(r: f32) -> impl Strategy<Value = [f32; 2]> {
    [-r..r, -r..r]
}

fn sane_shape() -> impl Strategy<Value = ShapeDesc> {
    prop_oneof![
        3 => (0.05f32..1.5).prop_map(|radius| ShapeDesc::Circle { radius }),
        3 => (0.05f32..3.0, 0.05f32..3.0, prop_oneof![Just(0.0f32), 0.0f32..0.45])
            .prop_map(|(width, height, f)| ShapeDesc::Box {
                width,
                height,
                corner_radius: f * width.min(height),
            }),
        1 => (0.01f32..2.0, 0.05f32..1.0)
            .prop_map(|(length, radius)| ShapeDesc::Capsule { length, radius }),
        // Star-ish outlines: convex, concave, sometimes self-intersecting (a typed error).
        2 => (3usize..10, prop::collection::vec(0.2f32..1.5, 10), any::<bool>()).prop_map(
            |(n, radii, shuffle)| {
                let mut points: Vec<[f32; 2]> = (0..n)
                    .map(|i| {
                        let a = i as f32 / n as f32 * std::f32::consts::TAU;
                        [radii[i] * a.cos(), radii[i] * a.sin()]
                    })
                    .collect();
                if shuffle && n > 3 {
                    points.swap(0, 2);
                }
                ShapeDesc::Polygon { points }
            }
        ),
        1 => prop::collection::vec(sane_point(2.0), 0..8)
            .prop_map(|points| ShapeDesc::Polygon { points }),
        1 => (sane_point(3.0), sane_point(3.0)).prop_map(|(a, b)| ShapeDesc::Segment { a, b }),
        1 => (prop::collection::vec(sane_point(5.0), 0..10), any::<bool>())
            .prop_map(|(points, closed)| ShapeDesc::Polyline { points, closed }),
    ]
}

/// A shape past a size limit, with its label.
fn oversized_shape() -> impl Strategy<Value = (ShapeDesc, &'static str)> {
    prop_oneof![
        (129usize..140).prop_map(|n| (
            ShapeDesc::Polygon {
                points: (0..n)
                    .map(|i| {
                        let a = i as f32 / n as f32 * std::f32::consts::TAU;
                        [a.cos(), a.sin()]
                    })
                    .collect()
            },
            "polygon with >128 points"
        )),
        Just((
            ShapeDesc::Polyline {
                points: (0..4097).map(|i| [i as f32 * 0.01, 0.0]).collect(),
                closed: false
            },
            "polyline with 4097 points"
        )),
        Just((
            ShapeDesc::Polygon {
                points: vec![[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
            },
            "self-intersecting polygon"
        )),
        Just((
            ShapeDesc::Polygon {
                points: vec![[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]
            },
            "collinear polygon"
        )),
        Just((
            ShapeDesc::Polygon {
                points: vec![[0.0, 0.0], [1.0e-3, 0.0], [0.0, 1.0e-3]]
            },
            "polygon with tiny area"
        )),
        Just((
            ShapeDesc::Segment {
                a: [1.0, 1.0],
                b: [1.0, 1.0]
            },
            "zero-length segment"
        )),
        Just((
            ShapeDesc::Box {
                width: 1.0,
                height: 1.0,
                corner_radius: 0.6
            },
            "corner radius > half side"
        )),
    ]
}

fn sane_kind(shape: &ShapeDesc, pick: u8) -> BodyKind {
    if !shape.is_solid() {
        return if pick % 4 == 0 {
            BodyKind::Kinematic
        } else {
            BodyKind::Static
        };
    }
    match pick % 8 {
        0 => BodyKind::Static,
        1 => BodyKind::Kinematic,
        _ => BodyKind::Dynamic,
    }
}

/// Which field of a body a corruption hits.
#[derive(Debug, Clone, Copy)]
pub enum BodyField {
    PositionX,
    PositionY,
    Angle,
    VelocityX,
    AngularVelocity,
    Density,
    Friction,
    Restitution,
    LinearDamping,
    AngularDamping,
    GravityScale,
    ShapeSize,
    ShapeSecond,
    CornerRadius,
    Vertex,
}

const BODY_FIELDS: &[BodyField] = &[
    BodyField::PositionX,
    BodyField::PositionY,
    BodyField::Angle,
    BodyField::VelocityX,
    BodyField::AngularVelocity,
    BodyField::Density,
    BodyField::Friction,
    BodyField::Restitution,
    BodyField::LinearDamping,
    BodyField::AngularDamping,
    BodyField::GravityScale,
    BodyField::ShapeSize,
    BodyField::ShapeSecond,
    BodyField::CornerRadius,
    BodyField::Vertex,
];

/// A body description plus the labels of what was done to it and whether it must be refused.
#[derive(Debug, Clone)]
pub struct BodyGen {
    pub desc: BodyDesc,
    pub label: String,
    pub must_reject: bool,
}

pub fn corrupt_body(desc: &mut BodyDesc, field: BodyField, v: f32) -> Option<String> {
    let name = match field {
        BodyField::PositionX => {
            desc.position[0] = v;
            "position"
        }
        BodyField::PositionY => {
            desc.position[1] = v;
            "position"
        }
        BodyField::Angle => {
            desc.angle = v;
            "angle"
        }
        BodyField::VelocityX => {
            desc.linear_velocity[0] = v;
            "linearVelocity"
        }
        BodyField::AngularVelocity => {
            desc.angular_velocity = v;
            "angularVelocity"
        }
        BodyField::Density => {
            desc.density = v;
            "density"
        }
        BodyField::Friction => {
            desc.friction = v;
            "friction"
        }
        BodyField::Restitution => {
            desc.restitution = v;
            "restitution"
        }
        BodyField::LinearDamping => {
            desc.linear_damping = v;
            "linearDamping"
        }
        BodyField::AngularDamping => {
            desc.angular_damping = v;
            "angularDamping"
        }
        BodyField::GravityScale => {
            desc.gravity_scale = v;
            "gravityScale"
        }
        BodyField::ShapeSize | BodyField::ShapeSecond | BodyField::CornerRadius => {
            match (&mut desc.shape, field) {
                (ShapeDesc::Circle { radius }, _) => {
                    *radius = v;
                    "shape.radius"
                }
                (ShapeDesc::Box { width, .. }, BodyField::ShapeSize) => {
                    *width = v;
                    "shape.width"
                }
                (ShapeDesc::Box { height, .. }, BodyField::ShapeSecond) => {
                    *height = v;
                    "shape.height"
                }
                (ShapeDesc::Box { corner_radius, .. }, _) => {
                    *corner_radius = v;
                    "shape.cornerRadius"
                }
                (ShapeDesc::Capsule { length, .. }, BodyField::ShapeSize) => {
                    *length = v;
                    "shape.length"
                }
                (ShapeDesc::Capsule { radius, .. }, _) => {
                    *radius = v;
                    "shape.radius"
                }
                (ShapeDesc::Segment { a, .. }, _) => {
                    a[0] = v;
                    "shape.a"
                }
                (ShapeDesc::Polygon { points } | ShapeDesc::Polyline { points, .. }, _) => {
                    let p = points.first_mut()?;
                    p[1] = v;
                    "shape.points"
                }
            }
        }
        BodyField::Vertex => match &mut desc.shape {
            ShapeDesc::Polygon { points } | ShapeDesc::Polyline { points, .. } => {
                let n = points.len();
                let p = points.get_mut(n / 2)?;
                p[0] = v;
                "shape.points"
            }
            _ => return None,
        },
    };
    Some(name.to_string())
}

pub fn body_gen() -> impl Strategy<Value = BodyGen> {
    let sane = (
        sane_shape(),
        any::<u8>(),
        sane_point(8.0),
        -7.0f32..7.0,
        sane_point(5.0),
        -5.0f32..5.0,
        (0.1f32..5.0, 0.0f32..1.5, 0.0f32..1.0),
        (0.0f32..2.0, 0.0f32..2.0, -2.0f32..2.0),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<u32>()),
    )
        .prop_map(
            |(
                shape,
                kpick,
                position,
                angle,
                lin,
                ang,
                (d, f, r),
                (ld, ad, gs),
                (ccd, fr, sl, c),
            )| {
                let kind = sane_kind(&shape, kpick);
                BodyDesc {
                    kind,
                    shape,
                    position,
                    angle,
                    linear_velocity: lin,
                    angular_velocity: ang,
                    density: d,
                    friction: f,
                    restitution: r,
                    linear_damping: ld,
                    angular_damping: ad,
                    gravity_scale: gs,
                    ccd,
                    fixed_rotation: fr,
                    color: Color(c),
                    sleeping: sl && kpick % 3 == 0,
                }
            },
        );
    let corruption = prop::option::weighted(
        0.45,
        (
            prop::sample::select(BODY_FIELDS.to_vec()),
            special_f32(),
            prop::option::weighted(
                0.2,
                (prop::sample::select(BODY_FIELDS.to_vec()), special_f32()),
            ),
        ),
    );
    let other = prop_oneof![
        20 => Just(None),
        1 => oversized_shape().prop_map(Some),
        1 => Just(Some((ShapeDesc::Segment { a: [0.0, 0.0], b: [1.0, 0.0] }, "dynamic segment"))),
        1 => Just(Some((ShapeDesc::Polyline { points: vec![[0.0, 0.0], [1.0, 0.0]], closed: false }, "dynamic polyline"))),
    ];
    (sane, corruption, other).prop_map(|(mut desc, corruption, other)| {
        let mut labels = Vec::new();
        let mut must_reject = false;
        if let Some((shape, label)) = other {
            desc.shape = shape;
            if label.starts_with("dynamic") {
                desc.kind = BodyKind::Dynamic;
            }
            labels.push(label.to_string());
            must_reject = true;
        }
        // A bad shape stands alone: a corruption could turn it back into a good one.
        let corruption = if must_reject { None } else { corruption };
        if let Some((f1, (v1, l1), second)) = corruption {
            for (field, v, l) in
                std::iter::once((f1, v1, l1)).chain(second.map(|(f, (v, l))| (f, v, l)))
            {
                if let Some(name) = corrupt_body(&mut desc, field, v) {
                    labels.push(format!("body.{name}={l}"));
                }
            }
        }
        // Judge the final description: a later corruption may overwrite an earlier one.
        must_reject |= floats(&desc).into_iter().any(always_bad);
        if labels.is_empty() {
            labels.push("sane body".into());
        }
        BodyGen {
            desc,
            label: labels.join(" & "),
            must_reject,
        }
    })
}

/// Every number in a body description.
pub fn floats(desc: &BodyDesc) -> Vec<f32> {
    let mut out = vec![
        desc.position[0],
        desc.position[1],
        desc.angle,
        desc.linear_velocity[0],
        desc.linear_velocity[1],
        desc.angular_velocity,
        desc.density,
        desc.friction,
        desc.restitution,
        desc.linear_damping,
        desc.angular_damping,
        desc.gravity_scale,
    ];
    match &desc.shape {
        ShapeDesc::Circle { radius } => out.push(*radius),
        ShapeDesc::Box {
            width,
            height,
            corner_radius,
        } => out.extend([*width, *height, *corner_radius]),
        ShapeDesc::Capsule { length, radius } => out.extend([*length, *radius]),
        ShapeDesc::Polygon { points } | ShapeDesc::Polyline { points, .. } => {
            out.extend(points.iter().flatten())
        }
        ShapeDesc::Segment { a, b } => out.extend(a.iter().chain(b)),
    }
    out
}

/// How an operation names a body.
#[derive(Debug, Clone, Copy)]
pub enum IdRef {
    /// The `n % len`-th live body (or a made-up id when there is none).
    Live(usize),
    /// Any id seen so far in this run, live or not (removed, from before a load or restore).
    Seen(usize),
    /// An id of the other world.
    Foreign(usize),
    /// A made-up id.
    MadeUp(u32, u32),
    /// An id read back from a JavaScript number (`BodyId::from_f64`), as the web layer does.
    FromF64(f64),
}

pub fn id_ref() -> impl Strategy<Value = IdRef> {
    prop_oneof![
        12 => any::<usize>().prop_map(IdRef::Live),
        3 => any::<usize>().prop_map(IdRef::Seen),
        1 => any::<usize>().prop_map(IdRef::Foreign),
        1 => (
            prop_oneof![0u32..8, Just(u32::MAX), Just(1 << 20)],
            prop_oneof![0u32..3, Just(MAX_GENERATION), Just(u32::MAX)]
        )
            .prop_map(|(i, g)| IdRef::MadeUp(i, g)),
        1 => prop::sample::select(vec![
            -1.0, 0.5, f64::NAN, f64::INFINITY, 4_294_967_296.0, 9.007_199_254_740_993e15, 1.0e300
        ])
        .prop_map(IdRef::FromF64),
    ]
}

impl IdRef {
    pub fn label(&self) -> &'static str {
        match self {
            IdRef::Live(_) => "live id",
            IdRef::Seen(_) => "seen id",
            IdRef::Foreign(_) => "id from another world",
            IdRef::MadeUp(..) => "made-up id",
            IdRef::FromF64(_) => "id from a bad number",
        }
    }
}

/// A joint description; bodies are resolved when the op runs.
#[derive(Debug, Clone)]
pub struct JointGen {
    pub desc: JointDesc<()>,
    pub a: Option<IdRef>,
    pub b: IdRef,
    pub label: String,
    pub must_reject: bool,
}

#[derive(Debug, Clone, Copy)]
pub enum JointCorruption {
    Anchor(f32, &'static str),
    LimitLo(f32, &'static str),
    ReversedLimits,
    MotorSpeed(f32, &'static str),
    MotorForce(f32, &'static str),
    Axis(f32, &'static str),
    ZeroAxis,
    MaxLength(f32, &'static str),
    NoMaxLength,
    RestLength(f32, &'static str),
    Stiffness(f32, &'static str),
    Damping(f32, &'static str),
    ReferenceAngle(f32, &'static str),
    ForeignField,
}

fn joint_corruption() -> impl Strategy<Value = JointCorruption> {
    use JointCorruption::*;
    prop_oneof![
        special_f32().prop_map(|(v, l)| Anchor(v, l)),
        special_f32().prop_map(|(v, l)| LimitLo(v, l)),
        Just(ReversedLimits),
        special_f32().prop_map(|(v, l)| MotorSpeed(v, l)),
        special_f32().prop_map(|(v, l)| MotorForce(v, l)),
        special_f32().prop_map(|(v, l)| Axis(v, l)),
        Just(ZeroAxis),
        special_f32().prop_map(|(v, l)| MaxLength(v, l)),
        Just(NoMaxLength),
        special_f32().prop_map(|(v, l)| RestLength(v, l)),
        special_f32().prop_map(|(v, l)| Stiffness(v, l)),
        special_f32().prop_map(|(v, l)| Damping(v, l)),
        special_f32().prop_map(|(v, l)| ReferenceAngle(v, l)),
        Just(ForeignField),
    ]
}

pub fn joint_gen() -> impl Strategy<Value = JointGen> {
    let kind = prop::sample::select(vec![
        JointKind::Revolute,
        JointKind::Prismatic,
        JointKind::Weld,
        JointKind::Rope,
        JointKind::Spring,
    ]);
    (
        kind,
        prop::option::weighted(0.85, id_ref()),
        id_ref(),
        sane_point(1.0),
        sane_point(1.0),
        any::<bool>(),
        (
            any::<[bool; 4]>(),
            -3.0f32..0.0,
            0.0f32..3.0,
            -10.0f32..10.0,
            0.0f32..500.0,
        ),
        (
            sane_point(1.0),
            0.1f32..5.0,
            0.0f32..3.0,
            0.0f32..1000.0,
            0.0f32..50.0,
        ),
        prop::option::weighted(0.4, joint_corruption()),
    )
        .prop_map(
            |(
                kind,
                a,
                b,
                anchor_a,
                anchor_b,
                cc,
                (opts, lo, hi, speed, force),
                (axis, len, rest, k, damp),
                corruption,
            )| {
                let mut desc = JointDesc::new(kind, a.map(|_| ()), (), anchor_a, anchor_b);
                desc.collide_connected = cc;
                match kind {
                    JointKind::Revolute | JointKind::Prismatic => {
                        if opts[0] {
                            desc.limits = Some([lo, hi]);
                        }
                        if opts[1] {
                            desc.motor = Some(Motor {
                                speed,
                                max_force: force,
                            });
                        }
                        if kind == JointKind::Prismatic
                            && opts[2]
                            && axis[0].abs() + axis[1].abs() > 0.1
                        {
                            desc.axis = Some(axis);
                        }
                    }
                    JointKind::Weld => {
                        if opts[0] {
                            desc.reference_angle = Some(lo);
                        }
                    }
                    JointKind::Rope => desc.max_length = Some(len),
                    JointKind::Spring => {
                        if opts[0] {
                            desc.rest_length = Some(rest);
                        }
                        if opts[1] {
                            desc.stiffness = Some(k);
                        }
                        if opts[2] {
                            desc.damping = Some(damp);
                        }
                    }
                }
                let mut label = format!("{kind:?}");
                let mut must_reject = false;
                if let Some(c) = corruption {
                    use JointCorruption::*;
                    let (name, v) = match c {
                        Anchor(v, l) => {
                            desc.anchor_b[1] = v;
                            (format!("anchorB={l}"), Some(v))
                        }
                        LimitLo(v, l) => {
                            desc.limits = Some([v, desc.limits.map_or(1.0, |x| x[1])]);
                            (format!("limits[0]={l}"), Some(v))
                        }
                        ReversedLimits => {
                            desc.limits = Some([1.0, -1.0]);
                            ("limits reversed".into(), None)
                        }
                        MotorSpeed(v, l) => {
                            desc.motor = Some(Motor {
                                speed: v,
                                max_force: 10.0,
                            });
                            (format!("motor.speed={l}"), Some(v))
                        }
                        MotorForce(v, l) => {
                            desc.motor = Some(Motor {
                                speed: 1.0,
                                max_force: v,
                            });
                            (format!("motor.maxForce={l}"), Some(v))
                        }
                        Axis(v, l) => {
                            desc.axis = Some([v, 0.0]);
                            (format!("axis={l}"), Some(v))
                        }
                        ZeroAxis => {
                            desc.axis = Some([0.0, 0.0]);
                            ("zero axis".into(), None)
                        }
                        MaxLength(v, l) => {
                            desc.max_length = Some(v);
                            (format!("maxLength={l}"), Some(v))
                        }
                        NoMaxLength => {
                            desc.max_length = None;
                            ("no maxLength".into(), None)
                        }
                        RestLength(v, l) => {
                            desc.rest_length = Some(v);
                            (format!("restLength={l}"), Some(v))
                        }
                        Stiffness(v, l) => {
                            desc.stiffness = Some(v);
                            (format!("stiffness={l}"), Some(v))
                        }
                        Damping(v, l) => {
                            desc.damping = Some(v);
                            (format!("damping={l}"), Some(v))
                        }
                        ReferenceAngle(v, l) => {
                            desc.reference_angle = Some(v);
                            (format!("referenceAngle={l}"), Some(v))
                        }
                        ForeignField => {
                            if kind == JointKind::Rope {
                                desc.stiffness = Some(10.0);
                            } else {
                                desc.max_length = Some(1.0);
                            }
                            must_reject = true;
                            ("field of another kind".into(), None)
                        }
                    };
                    must_reject |= v.is_some_and(always_bad);
                    label = format!("{label} {name}");
                } else {
                    label = format!("{label} sane");
                }
                JointGen {
                    desc,
                    a,
                    b,
                    label,
                    must_reject,
                }
            },
        )
}

/// A settings value with its label.
pub fn settings_gen() -> impl Strategy<Value = (Settings, String, bool)> {
    let sane = (
        sane_point(20.0),
        prop_oneof![Just(60.0f32), 1.0f32..1000.0],
        1u32..8,
        1u32..4,
        prop_oneof![Just(1.0f32), 0.0f32..3.0],
        1u32..8,
        any::<bool>(),
    )
        .prop_map(
            |(gravity, hz, substeps, iterations, time_scale, max_steps, sleeping)| Settings {
                gravity,
                hz,
                substeps,
                iterations,
                time_scale,
                max_steps_per_advance: max_steps,
                sleeping,
            },
        );
    let bad_count = prop::sample::select(vec![0u32, 65, 1000, u32::MAX]);
    let corruption = prop_oneof![
        4 => Just(None),
        1 => special_f32().prop_map(|(v, l)| Some((0u8, v, 0u32, l))),
        1 => special_f32().prop_map(|(v, l)| Some((1u8, v, 0u32, l))),
        1 => special_f32().prop_map(|(v, l)| Some((2u8, v, 0u32, l))),
        1 => bad_count.clone().prop_map(|c| Some((3u8, 0.0, c, "bad count"))),
        1 => bad_count.clone().prop_map(|c| Some((4u8, 0.0, c, "bad count"))),
        1 => bad_count.prop_map(|c| Some((5u8, 0.0, c, "bad count"))),
    ];
    (sane, corruption).prop_map(|(mut s, c)| match c {
        None => (s, "sane settings".to_string(), false),
        Some((field, v, count, l)) => {
            let name = match field {
                0 => {
                    s.gravity[1] = v;
                    "gravity"
                }
                1 => {
                    s.hz = v;
                    "hz"
                }
                2 => {
                    s.time_scale = v;
                    "timeScale"
                }
                3 => {
                    s.substeps = count;
                    "substeps"
                }
                4 => {
                    s.iterations = count;
                    "iterations"
                }
                _ => {
                    s.max_steps_per_advance = count;
                    "maxStepsPerAdvance"
                }
            };
            let must = if field <= 2 {
                always_bad(v)
            } else {
                count == 0 || count > 64
            };
            (s, format!("settings.{name}={l}"), must)
        }
    })
}

/// A point argument: sane, near a body, or hostile.
#[derive(Debug, Clone, Copy)]
pub enum PointGen {
    Sane([f32; 2]),
    OnBody(IdRef, [f32; 2]),
    Bad(f32, &'static str, bool),
}

pub fn point_gen() -> impl Strategy<Value = PointGen> {
    prop_oneof![
        3 => sane_point(10.0).prop_map(PointGen::Sane),
        4 => (id_ref(), sane_point(0.3)).prop_map(|(id, off)| PointGen::OnBody(id, off)),
        1 => (special_f32(), any::<bool>()).prop_map(|((v, l), y)| PointGen::Bad(v, l, y)),
    ]
}

/// One API call.
#[derive(Debug, Clone)]
pub enum Op {
    Spawn(BodyGen),
    Remove(IdRef),
    Edit(IdRef, BodyGen),
    EditField(IdRef, BodyField, f32, &'static str),
    SetPose(IdRef, PointGen, f32, &'static str),
    SetVelocity(IdRef, [f32; 2], f32, Option<&'static str>),
    SetSelected(IdRef, bool),
    ClearSelection,
    AddJoint(JointGen),
    RemoveJoint(IdRef),
    EditJoint(IdRef, JointGen),
    SetMotor(IdRef, Option<(f32, f32)>, Option<&'static str>),
    Grab(PointGen),
    DragTo(PointGen),
    /// Grab a body where it is, then drag it through `points`, stepping `steps` times after each.
    GrabDrag(IdRef, Vec<PointGen>, u8),
    Release,
    LoadPreset(usize),
    SaveLoad,
    ReadableLoad,
    Snapshot,
    Restore(usize),
    RestoreForeign,
    Settings(Settings, String, bool),
    Gravity(f32, &'static str),
    ContactEvents(bool),
    DebugLines(bool),
    Limits(usize, usize),
    Advance(f64, &'static str),
    Step(u8),
    BodyAt(PointGen),
    BodiesInRect(PointGen, PointGen),
    Query(IdRef),
    QueryJoint(IdRef),
}

fn dt() -> impl Strategy<Value = (f64, &'static str)> {
    prop_oneof![
        6 => (0.001f64..0.1).prop_map(|v| (v, "sane dt")),
        1 => prop::sample::select(vec![
            (f64::NAN, "dt=NaN"),
            (f64::INFINITY, "dt=+inf"),
            (f64::NEG_INFINITY, "dt=-inf"),
            (0.0, "dt=0"),
            (-0.0, "dt=-0"),
            (-0.016, "dt<0"),
            (1.0e30, "dt=1e30"),
            (1.0e-30, "dt=1e-30"),
            (f64::MAX, "dt=f64::MAX"),
            (5e-324, "dt=subnormal"),
        ]),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
    let maybe_special = || {
        prop_oneof![
            4 => (-5.0f32..5.0).prop_map(|v| (v, "sane")),
            1 => special_f32(),
        ]
    };
    prop_oneof![
        8 => body_gen().prop_map(Op::Spawn),
        3 => id_ref().prop_map(Op::Remove),
        3 => (id_ref(), body_gen()).prop_map(|(i, b)| Op::Edit(i, b)),
        3 => (id_ref(), prop::sample::select(BODY_FIELDS.to_vec()), maybe_special())
            .prop_map(|(i, f, (v, l))| Op::EditField(i, f, v, l)),
        2 => (id_ref(), point_gen(), maybe_special()).prop_map(|(i, p, (a, l))| Op::SetPose(i, p, a, l)),
        2 => (id_ref(), sane_point(5.0), -5.0f32..5.0, prop::option::weighted(0.3, special_f32()))
            .prop_map(|(i, mut v, mut w, s)| {
                let label = s.map(|(x, l)| {
                    if l.len() % 2 == 0 { v[1] = x } else { w = x }
                    l
                });
                Op::SetVelocity(i, v, w, label)
            }),
        1 => (id_ref(), any::<bool>()).prop_map(|(i, s)| Op::SetSelected(i, s)),
        1 => Just(Op::ClearSelection),
        6 => joint_gen().prop_map(Op::AddJoint),
        2 => id_ref().prop_map(Op::RemoveJoint),
        2 => (id_ref(), joint_gen()).prop_map(|(i, j)| Op::EditJoint(i, j)),
        1 => (id_ref(), prop::option::weighted(0.7, (-10.0f32..10.0, 0.0f32..100.0)), prop::option::weighted(0.3, special_f32()))
            .prop_map(|(i, m, s)| {
                let m = match (m, s) {
                    (Some((sp, _)), Some((v, l))) => (Some((sp, v)), Some(l)),
                    (m, _) => (m, None),
                };
                Op::SetMotor(i, m.0, m.1)
            }),
        4 => point_gen().prop_map(Op::Grab),
        4 => point_gen().prop_map(Op::DragTo),
        3 => (id_ref(), prop::collection::vec(point_gen(), 1..5), 0u8..4)
            .prop_map(|(i, p, n)| Op::GrabDrag(i, p, n)),
        2 => Just(Op::Release),
        1 => any::<usize>().prop_map(Op::LoadPreset),
        1 => Just(Op::SaveLoad),
        1 => Just(Op::ReadableLoad),
        1 => Just(Op::Snapshot),
        1 => any::<usize>().prop_map(Op::Restore),
        1 => Just(Op::RestoreForeign),
        2 => settings_gen().prop_map(|(s, l, m)| Op::Settings(s, l, m)),
        1 => maybe_special().prop_map(|(v, l)| Op::Gravity(v, l)),
        1 => any::<bool>().prop_map(Op::ContactEvents),
        1 => any::<bool>().prop_map(Op::DebugLines),
        1 => (0usize..40, 0usize..20).prop_map(|(b, j)| Op::Limits(b, j)),
        6 => dt().prop_map(|(d, l)| Op::Advance(d, l)),
        4 => (1u8..6).prop_map(Op::Step),
        1 => point_gen().prop_map(Op::BodyAt),
        1 => (point_gen(), point_gen()).prop_map(|(a, b)| Op::BodiesInRect(a, b)),
        1 => id_ref().prop_map(Op::Query),
        1 => id_ref().prop_map(Op::QueryJoint),
    ]
}

/// Limits with room, for worlds that should not run into them by accident.
pub fn roomy() -> Limits {
    Limits {
        max_bodies: 60,
        max_joints: 40,
    }
}

pub fn resolve_joint_ref(
    r: IdRef,
    live: &[JointId],
    seen: &[JointId],
    foreign: &[JointId],
) -> JointId {
    let made_up = |i: u32, g: u32| JointId {
        index: i,
        generation: g,
    };
    match r {
        IdRef::Live(n) if !live.is_empty() => live[n % live.len()],
        IdRef::Seen(n) if !seen.is_empty() => seen[n % seen.len()],
        IdRef::Foreign(n) if !foreign.is_empty() => foreign[n % foreign.len()],
        IdRef::MadeUp(i, g) => made_up(i, g),
        IdRef::FromF64(v) => JointId::from_f64(v).unwrap_or(made_up(u32::MAX, MAX_GENERATION)),
        _ => made_up(0, 7),
    }
}

pub fn resolve_body_ref(r: IdRef, live: &[BodyId], seen: &[BodyId], foreign: &[BodyId]) -> BodyId {
    let made_up = |i: u32, g: u32| BodyId {
        index: i,
        generation: g,
    };
    match r {
        IdRef::Live(n) if !live.is_empty() => live[n % live.len()],
        IdRef::Seen(n) if !seen.is_empty() => seen[n % seen.len()],
        IdRef::Foreign(n) if !foreign.is_empty() => foreign[n % foreign.len()],
        IdRef::MadeUp(i, g) => made_up(i, g),
        IdRef::FromF64(v) => BodyId::from_f64(v).unwrap_or(made_up(u32::MAX, MAX_GENERATION)),
        _ => made_up(0, 7),
    }
}
