//! `ferl_rt_cold_call`: how compiled code calls the runtime from its cold paths (slow paths
//! of inline operators, heap checks that collect, the raise path, unresolved remote calls).
//!
//! Compiled code declares it with Cranelift's `PreserveAll` convention: the call clobbers no
//! register, so values live across it need no callee-saved registers, and hot code that
//! only calls the runtime on cold paths gets no callee-saved saves and restores in its
//! prologue and epilogue. The shim saves every register the SystemV convention lets the
//! callee clobber, calls `target(p, a1, a2, a3, a4)` (SystemV), stores the result in
//! `p.cold_ret` (`process::offsets::COLD_RET`) and restores everything.
//! Arguments: rdi = p, rsi/rdx/rcx/r8 = a1..a4, r9 = the target's index in the cold-call
//! table ([`index_of`]: its position in `native::symbols()`, built on the first call). An
//! index is an `iconst` the code generator rematerialises in the cold block, where a
//! function address would be hoisted and kept in a callee-saved register.
//! Must not: be used where the call is hot (it costs about 60 instructions more than a
//! plain call). x86_64 Linux only; elsewhere compiled code makes plain calls.

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
std::arch::global_asm!(
    ".globl ferl_rt_cold_call",
    ".type ferl_rt_cold_call,@function",
    "ferl_rt_cold_call:",
    "push rbp",
    "mov rbp, rsp",
    "push rax",
    "push rcx",
    "push rdx",
    "push rsi",
    "push rdi",
    "push r8",
    "push r9",
    "push r10",
    "push r11",
    // 9 pushes after rbp leave rsp 8 mod 16; 264 bytes restore the 16-byte alignment.
    "sub rsp, 264",
    "movdqu [rsp+0], xmm0",
    "movdqu [rsp+16], xmm1",
    "movdqu [rsp+32], xmm2",
    "movdqu [rsp+48], xmm3",
    "movdqu [rsp+64], xmm4",
    "movdqu [rsp+80], xmm5",
    "movdqu [rsp+96], xmm6",
    "movdqu [rsp+112], xmm7",
    "movdqu [rsp+128], xmm8",
    "movdqu [rsp+144], xmm9",
    "movdqu [rsp+160], xmm10",
    "movdqu [rsp+176], xmm11",
    "movdqu [rsp+192], xmm12",
    "movdqu [rsp+208], xmm13",
    "movdqu [rsp+224], xmm14",
    "movdqu [rsp+240], xmm15",
    "mov r11, [rip + {table}]",
    "test r11, r11",
    "jnz 2f",
    // First cold call: build the table, then reload the arguments it clobbered.
    "call {init}",
    "mov r11, rax",
    "mov rdi, [rbp - 40]",
    "mov rsi, [rbp - 32]",
    "mov rdx, [rbp - 24]",
    "mov rcx, [rbp - 16]",
    "mov r8, [rbp - 48]",
    "mov r9, [rbp - 56]",
    "2:",
    "call [r11 + r9 * 8]",
    // p was pushed fifth: [rbp - 40].
    "mov r10, [rbp - 40]",
    "mov [r10 + 88], rax",
    "movdqu xmm0, [rsp+0]",
    "movdqu xmm1, [rsp+16]",
    "movdqu xmm2, [rsp+32]",
    "movdqu xmm3, [rsp+48]",
    "movdqu xmm4, [rsp+64]",
    "movdqu xmm5, [rsp+80]",
    "movdqu xmm6, [rsp+96]",
    "movdqu xmm7, [rsp+112]",
    "movdqu xmm8, [rsp+128]",
    "movdqu xmm9, [rsp+144]",
    "movdqu xmm10, [rsp+160]",
    "movdqu xmm11, [rsp+176]",
    "movdqu xmm12, [rsp+192]",
    "movdqu xmm13, [rsp+208]",
    "movdqu xmm14, [rsp+224]",
    "movdqu xmm15, [rsp+240]",
    "add rsp, 264",
    "pop r11",
    "pop r10",
    "pop r9",
    "pop r8",
    "pop rdi",
    "pop rsi",
    "pop rdx",
    "pop rcx",
    "pop rax",
    "pop rbp",
    "ret",
    ".size ferl_rt_cold_call, . - ferl_rt_cold_call",
    table = sym COLD_TABLE,
    init = sym cold_table_init,
);

/// The cold-call table's address (null until the first cold call builds it).
static COLD_TABLE: std::sync::atomic::AtomicPtr<usize> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

/// Build the table (once) and return it. Called by the shim with every register saved.
extern "C" fn cold_table_init() -> *mut usize {
    static T: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let t = *T.get_or_init(|| {
        let v: Vec<usize> = super::symbols().iter().map(|(_, a)| *a as usize).collect();
        Box::leak(v.into_boxed_slice()).as_mut_ptr() as usize
    });
    COLD_TABLE.store(t as *mut usize, std::sync::atomic::Ordering::Release);
    t as *mut usize
}

/// The index of runtime symbol `name` in the cold-call table (what compiled code passes
/// in r9), if the runtime has it.
pub fn index_of(name: &str) -> Option<usize> {
    static IX: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    IX.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, (n, _)) in super::symbols().into_iter().enumerate() {
            m.entry(n).or_insert(i);
        }
        m
    })
    .get(name)
    .copied()
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
extern "C" {
    fn ferl_rt_cold_call();
}

/// The shim's symbol, where it exists.
pub fn symbols() -> Vec<(&'static str, *const u8)> {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        const _: () = assert!(crate::process::offsets::COLD_RET == 88);
        vec![("ferl_rt_cold_call", ferl_rt_cold_call as *const u8)]
    }
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        Vec::new()
    }
}
