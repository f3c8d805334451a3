// Rust sample: the tutorial layouts, niche and repr cases, smart pointers, closures and a future.
//
// Every type is used (a static, a local handed to `keep`, or a function argument) so rustc emits
// its DWARF. Avoids what is newer than rustc 1.63 (Debian bookworm): no `std::hint::black_box`
// (1.66), no `Waker::noop` (1.85), no `pin!` (1.68).
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::num::{NonZeroU128, NonZeroU32};
use std::pin::Pin;
use std::ptr::addr_of_mut;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

// --- The tutorial types -------------------------------------------------------------------

/// Two i32: 8 bytes, no padding.
#[derive(Debug, Clone, Copy)]
pub struct Point {
    x: i32,
    y: i32,
}

/// repr(Rust): declared in a good order already; 12 bytes, 2 trailing padding.
pub struct Efficient {
    a: i32,
    b: i32,
    c: i16,
}

/// repr(Rust): declared with a hole, but rustc reorders it to the same 12 bytes as Efficient.
pub struct Inefficient {
    a: i32,
    c: i16,
    b: i32,
}

/// repr(C) twin of Efficient: declaration order kept, 12 bytes, 2 trailing padding.
#[repr(C)]
pub struct EfficientC {
    a: i32,
    b: i32,
    c: i16,
}

/// repr(C) twin of Inefficient: declaration order kept, so a 2-byte hole after c; 12 bytes.
#[repr(C)]
pub struct InefficientC {
    a: i32,
    c: i16,
    b: i32,
}

/// Data-carrying enum whose discriminant is a niche in String's capacity: 24 bytes.
pub enum Message {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    ChangeColor(i32, i32, i32),
}

// --- Niche cases --------------------------------------------------------------------------

/// 8 bytes with a 1-byte tag or with B and C in the bool's invalid values; rustc 1.95 picks the
/// tag, which leaves the larger niche (print-type-sizes: discriminant 1 byte, A.1 at 1, A.0 at 4).
pub enum E {
    A(u32, bool),
    B,
    C,
}

/// A struct with a bool inside: its invalid values (2..=255) are a niche for enums that hold it.
pub struct Flagged {
    x: u32,
    flag: bool,
}

/// The niche lies in a nested field: B and C are stored as 2 and 3 in A.0.flag, so 8 bytes and no
/// tag (a tag would need 12).
pub enum NicheInNested {
    A(Flagged),
    B,
    C,
}

/// repr(u8) on an enum with data: a 1-byte tag is forced even where a niche would do.
#[repr(u8)]
pub enum ReprU8Data {
    Int(u32),
    Byte(u8),
    Empty,
}

/// Fieldless enum with explicit, gappy u8 values and an implicit one (Two = 2); the gaps are a niche.
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum ReprU8Gaps {
    Low = 1,
    Two,
    Mid = 5,
    High = 200,
}

/// Fieldless enum with a negative explicit value: the discriminant reads back as -3; the implicit
/// ones continue from the explicit value before them (MinusTwo = -2, Eight = 8).
#[repr(i8)]
#[derive(Clone, Copy)]
pub enum ReprI8Negative {
    MinusThree = -3,
    MinusTwo,
    Zero = 0,
    Seven = 7,
    Eight,
}

/// Fieldless enum with a 4-byte signed discriminant beyond the range of i16.
#[repr(i32)]
#[derive(Clone, Copy)]
pub enum ReprI32Wide {
    Negative = -70000,
    NextImplicit,
    Big = 100000,
}

/// Plain fieldless enum without repr: one byte, values 0..=2.
#[derive(Clone, Copy)]
pub enum Direction {
    North,
    East,
    South,
}

/// repr(u128): rustc writes 16-byte enumerator values as DWARF blocks, not numbers (all below 2^64
/// here, so they fit the JSON and the model).
#[repr(u128)]
#[derive(Clone, Copy)]
pub enum ReprU128 {
    Small = 1,
    Large = 1 << 40,
}

// --- Struct shapes and reprs --------------------------------------------------------------

/// Tuple struct: fields are named 0, 1, 2 and rustc reorders them.
pub struct TupleStruct(u8, u32, u16);

/// Zero-sized unit struct.
pub struct UnitStruct;

/// Generic struct with a zero-sized PhantomData member.
pub struct WithPhantom<T> {
    id: u32,
    marker: PhantomData<T>,
}

/// Union: size of the largest member, no discriminant.
#[repr(C)]
#[derive(Clone, Copy)]
pub union IntOrFloat {
    int: u32,
    float: f32,
    bytes: [u8; 4],
}

/// repr(packed): no padding at all, the u32 is misaligned; 7 bytes, align 1.
#[repr(packed)]
pub struct PackedRecord {
    tag: u8,
    value: u32,
    count: u16,
}

/// repr(C, packed): declaration order and no padding; 7 bytes, align 1.
#[repr(C, packed)]
pub struct PackedC {
    tag: u8,
    value: u32,
    count: u16,
}

/// repr(align(16)): one byte of data, 15 bytes of trailing padding.
#[repr(align(16))]
pub struct Aligned16 {
    byte: u8,
}

/// Struct holding borrowed views: a slice, a str and a trait object (all fat pointers).
pub struct Borrowed<'a> {
    points: &'a [Point],
    label: &'a str,
    shape: &'a dyn Shape,
    flag: bool,
}

/// Struct that owns heap data through each smart pointer.
pub struct Owners {
    boxed: Box<Point>,
    vector: Vec<Point>,
    text: String,
    shared: Rc<Cell<u32>>,
    atomic_shared: Arc<u64>,
}

pub trait Shape {
    fn area(&self) -> f64;
}

impl Shape for Point {
    fn area(&self) -> f64 {
        f64::from(self.x) * f64::from(self.y)
    }
}

// --- Statics, consts and the big .bss -----------------------------------------------------

/// An immutable static (.rodata): a Point.
pub static ORIGIN: Point = Point { x: 0, y: 0 };

/// A mutable, initialised static (.data).
pub static mut COUNTER: u32 = 7;

/// A const: inlined where used, no storage of its own.
pub const UNIT: Point = Point { x: 1, y: 1 };

/// 256 KiB of zeros, so .bss (memsz > filesz) is big and plain to see.
pub static mut BIG_BSS: [u8; 256 * 1024] = [0; 256 * 1024];

// --- A future, polled by hand -------------------------------------------------------------

/// Returns Pending once, then Ready: gives the async fn below a real suspend point.
struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Its future is a generator enum holding `kept` and `b` across the await.
async fn add_after_yield(a: u32, b: u64) -> u64 {
    let kept = a;
    YieldOnce { yielded: false }.await;
    u64::from(kept) + b
}

/// Its future holds a 1 KiB buffer across the await: "why is my future 1 KB?"
async fn buffered_sum(fill: u8) -> u32 {
    let buffer = [fill; 1024];
    YieldOnce { yielded: false }.await;
    buffer.iter().map(|&byte| u32::from(byte)).sum()
}

fn noop_clone(_: *const ()) -> RawWaker {
    noop_raw_waker()
}

fn noop(_: *const ()) {}

static NOOP_VTABLE: RawWakerVTable = RawWakerVTable::new(noop_clone, noop, noop, noop);

fn noop_raw_waker() -> RawWaker {
    RawWaker::new(std::ptr::null(), &NOOP_VTABLE)
}

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = Box::pin(future);
    // SAFETY: every function in NOOP_VTABLE ignores its data pointer.
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

// --- Users --------------------------------------------------------------------------------

/// Observes a value through a non-inlined call, so it and its type stay in the binary.
#[inline(never)]
fn keep<T>(value: &T) -> usize {
    std::mem::size_of_val(value)
}

fn describe(message: &Message) -> String {
    match message {
        Message::Quit => String::from("quit"),
        Message::Move { x, y } => format!("move to {x},{y}"),
        Message::Write(text) => format!("write {text}"),
        Message::ChangeColor(r, g, b) => format!("color {r},{g},{b}"),
    }
}

fn main() {
    let point = Point { x: 3, y: 4 };
    let efficient = Efficient { a: 1, b: 2, c: 3 };
    let inefficient = Inefficient { a: 1, c: 3, b: 2 };
    let efficient_c = EfficientC { a: 1, b: 2, c: 3 };
    let inefficient_c = InefficientC { a: 1, c: 3, b: 2 };
    let messages = [
        Message::Quit,
        Message::Move { x: 1, y: 2 },
        Message::Write(String::from("hello")),
        Message::ChangeColor(255, 128, 0),
    ];
    let tuple: (i32, f64, u8) = (1, 2.5, 3);
    let boxed_option: Option<Box<i32>> = Some(Box::new(5));

    let option_bool: Option<bool> = Some(true);
    let option_char: Option<char> = Some('x');
    let byte = 9u8;
    let option_ref: Option<&u8> = Some(&byte);
    let option_nonzero: Option<NonZeroU32> = NonZeroU32::new(17);
    // A niche in a 16-byte field: its discriminant values are 16-byte DWARF blocks (aho-corasick's
    // SearchKind has one too).
    let option_nonzero_wide: Option<NonZeroU128> = NonZeroU128::new(1 << 70);
    let repr_u128 = [ReprU128::Small, ReprU128::Large];
    let option_vec: Option<Vec<u8>> = Some(vec![1, 2, 3]);
    let result_ok: Result<u32, String> = Ok(4);
    let result_err: Result<u32, String> = Err(String::from("no"));
    let enum_e = [E::A(6, true), E::B, E::C];
    let repr_u8 = [ReprU8Gaps::Low, ReprU8Gaps::Two, ReprU8Gaps::Mid, ReprU8Gaps::High];
    let repr_i8 = [
        ReprI8Negative::MinusThree,
        ReprI8Negative::MinusTwo,
        ReprI8Negative::Zero,
        ReprI8Negative::Seven,
        ReprI8Negative::Eight,
    ];
    let repr_i32 = [ReprI32Wide::Negative, ReprI32Wide::NextImplicit, ReprI32Wide::Big];
    let direction = Direction::East;
    let option_direction: Option<Direction> = Some(Direction::South);
    let niche_nested = [NicheInNested::A(Flagged { x: 5, flag: true }), NicheInNested::B, NicheInNested::C];
    let repr_u8_data = [ReprU8Data::Int(70000), ReprU8Data::Byte(7), ReprU8Data::Empty];

    let tuple_struct = TupleStruct(1, 2, 3);
    let unit_struct = UnitStruct;
    let with_phantom: WithPhantom<String> = WithPhantom { id: 8, marker: PhantomData };
    let union_value = IntOrFloat { float: 1.0 };
    let packed = PackedRecord { tag: 1, value: 2, count: 3 };
    let packed_c = PackedC { tag: 1, value: 2, count: 3 };
    let aligned = Aligned16 { byte: 1 };

    let points = [point, UNIT, ORIGIN];
    let borrowed = Borrowed { points: &points[..], label: "borrowed", shape: &point, flag: true };
    let owners = Owners {
        boxed: Box::new(point),
        vector: points.to_vec(),
        text: String::from("owned"),
        shared: Rc::new(Cell::new(10)),
        atomic_shared: Arc::new(11),
    };
    let shared_again = Rc::clone(&owners.shared);
    shared_again.set(12);

    // A closure capturing three variables of different sizes by move.
    let scale = 3u8;
    let offset = 1000u64;
    let name = "closure";
    let closure = move |v: u32| u64::from(v) * u64::from(scale) + offset + name.len() as u64;

    let future_sum = block_on(add_after_yield(20, 22));
    let buffered = buffered_sum(2);
    let buffered_size = keep(&buffered);
    let buffered_total = block_on(buffered);

    // SAFETY: single-threaded; raw pointers, so no reference to a static mut is created.
    let (counter, bss_byte) = unsafe {
        *addr_of_mut!(COUNTER) += 1;
        let bss = addr_of_mut!(BIG_BSS) as *mut u8;
        bss.add(4096).write_volatile(1);
        (*addr_of_mut!(COUNTER), bss.add(4096).read_volatile())
    };

    let mut kept = 0usize;
    kept += keep(&point) + keep(&efficient) + keep(&inefficient);
    kept += keep(&efficient_c) + keep(&inefficient_c) + keep(&messages) + keep(&tuple);
    kept += keep(&boxed_option) + keep(&option_bool) + keep(&option_char) + keep(&option_ref);
    kept += keep(&option_nonzero) + keep(&option_vec) + keep(&result_ok) + keep(&result_err);
    kept += keep(&enum_e) + keep(&repr_u8) + keep(&repr_i8) + keep(&repr_i32) + keep(&direction);
    kept += keep(&option_direction) + keep(&niche_nested) + keep(&repr_u8_data) + buffered_size;
    kept += keep(&option_nonzero_wide) + keep(&repr_u128);
    kept += keep(&tuple_struct) + keep(&unit_struct) + keep(&with_phantom);
    kept += keep(&union_value) + keep(&packed) + keep(&packed_c) + keep(&aligned);
    kept += keep(&borrowed) + keep(&owners) + keep(&closure);

    let area = borrowed.shape.area();
    let union_bits = unsafe { union_value.int };
    let packed_value = { packed.value } + { packed_c.value };
    println!("point {:?} area {area} in {} points, label {}", point, borrowed.points.len(), borrowed.label);
    for message in &messages {
        println!("{}", describe(message));
    }
    println!("tuple {:?} boxed {:?} closure {}", tuple, boxed_option, closure(7));
    println!("futures {future_sum} {buffered_total} counter {counter} bss {bss_byte} union {union_bits:#x} packed {packed_value}");
    println!("rc {} arc {} text {} kept {kept} bytes", owners.shared.get(), owners.atomic_shared, owners.text);
}
