// Rust gate sample: one source, built "before" and "after" (rustc --cfg gate_after); each gate:: type changes in exactly one way, for the CI gate's --diff/--check tests.
//
// Layouts on x86-64 (checked with RUSTC_BOOTSTRAP=1 rustc -Zprint-type-sizes, rustc 1.95):
//
//   type                  before                                after
//   gate::Command         Stop | Go(u32): 8, tag u32 at 0       + Jump(u64): 16, align 8 (tag unchanged)
//   Option<gate::Handle>  Handle(NonZeroU64): 8, niche at 0     Handle(u64): 16, a tag at 0, Some.0 at 8
//   gate::Handle          .0 is NonZeroU64                      .0 is u64 (same size and offset)
//   gate::Mode            Read | Write(u8) | Append(u8): 2      Append removed: 2, tag u8 at 0 still
//   gate::Shuffled        {a: u8, b: u32, c: u16}               {c: u16, b: u32, a: u8}: rustc lays both
//                                                               out the same (b 0, c 4, a 6): no change
//   gate::Swapped         {x: u32, y: u32}: x 0, y 4            {y: u32, x: u32}: y 0, x 4 (fields move;
//                                                               repr(Rust), so not a regression by default)
//   gate::FlipC           repr(C) {b: u32, a: u8, c: u8}: 8     repr(C) {a: u8, b: u32, c: u8}: 12, hole 1..4
//   gate::Stable          {id: NonZeroU64, tag: u8}: 16         unchanged
//
// Every type is used (a local handed to `keep`, which is never inlined), so rustc emits its DWARF.
// Avoids what is newer than rustc 1.63, as samples/rust/samples.rs does.
#![allow(dead_code)]

use std::num::NonZeroU64;

/// Gains a variant whose payload is 8-aligned: the enum grows from 8 to 16 bytes.
pub enum Command {
    Stop,
    Go(u32),
    #[cfg(gate_after)]
    Jump(u64),
}

/// NonZeroU64 gives Option<Handle> a niche (None is 0); a plain u64 has none, so Option needs a tag.
#[cfg(not(gate_after))]
pub struct Handle(NonZeroU64);
#[cfg(gate_after)]
pub struct Handle(u64);

/// Loses its last variant; still a u8 tag and a u8 payload. (Variants carry data so that the enum is
/// an aggregate, listed by --types like every other gate type.)
pub enum Mode {
    Read,
    Write(u8),
    #[cfg(not(gate_after))]
    Append(u8),
}

/// Declared field order flips, but rustc sorts fields by alignment: the layout stays the same.
#[cfg(not(gate_after))]
pub struct Shuffled {
    a: u8,
    b: u32,
    c: u16,
}
#[cfg(gate_after)]
pub struct Shuffled {
    c: u16,
    b: u32,
    a: u8,
}

/// Two fields of one alignment keep their declared order, so flipping it really moves them.
#[cfg(not(gate_after))]
pub struct Swapped {
    x: u32,
    y: u32,
}
#[cfg(gate_after)]
pub struct Swapped {
    y: u32,
    x: u32,
}

/// repr(C) keeps declaration order: the C sample's flip, in Rust.
#[cfg(not(gate_after))]
#[repr(C)]
pub struct FlipC {
    b: u32,
    a: u8,
    c: u8,
}
#[cfg(gate_after)]
#[repr(C)]
pub struct FlipC {
    a: u8,
    b: u32,
    c: u8,
}

/// Unchanged. Its NonZeroU64 (made with NonZeroU64::new) keeps the standard library's NonZero types
/// in both builds, so that the only types added or removed are the gate's own.
pub struct Stable {
    id: NonZeroU64,
    tag: u8,
}

/// Observes a value through a non-inlined call, so it and its type stay in the binary.
#[inline(never)]
fn keep<T>(value: &T) -> usize {
    std::mem::size_of_val(value)
}

#[cfg(not(gate_after))]
fn handle(raw: u64) -> Option<Handle> {
    // A match, not .map(Handle): that would instantiate a (NonZeroU64,) argument tuple only here.
    match NonZeroU64::new(raw) {
        Some(value) => Some(Handle(value)),
        None => None,
    }
}
#[cfg(gate_after)]
fn handle(raw: u64) -> Option<Handle> {
    if raw == 0 { None } else { Some(Handle(raw)) }
}

fn main() {
    #[cfg(not(gate_after))]
    let commands = [Command::Stop, Command::Go(1)];
    #[cfg(gate_after)]
    let commands = [Command::Stop, Command::Go(1), Command::Jump(2)];
    #[cfg(not(gate_after))]
    let modes = [Mode::Read, Mode::Write(1), Mode::Append(2)];
    #[cfg(gate_after)]
    let modes = [Mode::Read, Mode::Write(1)];
    let handles = [handle(0), handle(7)];
    let shuffled = Shuffled { a: 1, b: 2, c: 3 };
    let swapped = Swapped { x: 1, y: 2 };
    let flip = FlipC { a: 1, b: 2, c: 3 };
    let stable = Stable { id: NonZeroU64::new(1).unwrap(), tag: 2 };
    let kept = keep(&commands[0]) + keep(&modes[0]) + keep(&handles[0]) + keep(&shuffled) + keep(&swapped)
        + keep(&flip) + keep(&stable);
    let live = handles.iter().filter(|h| h.is_some()).count();
    println!("kept {kept} bytes, {} commands, {} modes, {live} live handles", commands.len(), modes.len());
}
