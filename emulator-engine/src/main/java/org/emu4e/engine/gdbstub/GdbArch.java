package org.emu4e.engine.gdbstub;

import org.emu4e.engine.api.VcpuContext;

/**
 * What the protocol layer needs from a CPU architecture: the register layout and target
 * description, and memory access as the vCPU sees it. Every method taking a
 * {@link VcpuContext} runs on that vCPU's own thread (the stub calls it through
 * {@code Vcpu.callSync}). The AArch64 implementation is {@code cpu.a64.gdb.A64GdbArch}.
 */
public interface GdbArch {
    /** The target description document {@code annex} (e.g. "target.xml"), or null. */
    String featureDocument(String annex);

    /** The 'g' packet block: every register in GDB's numbering, target byte order. */
    byte[] readRegisters(VcpuContext ctx);

    /** Writes a 'G' block; returns false if its size is wrong. */
    boolean writeRegisters(VcpuContext ctx, byte[] data);

    /** One register's bytes, or null if {@code regno} does not exist. */
    byte[] readRegister(VcpuContext ctx, int regno);

    /** Writes one register; false if it does not exist or the value has the wrong size. */
    boolean writeRegister(VcpuContext ctx, int regno, byte[] value);

    /**
     * Copies guest memory at {@code address} into {@code dst}; returns how many bytes from the
     * start could be read (0: none). {@code physical} treats the address as physical; device
     * (MMIO) regions are read only with {@code physical} set, since reads have side effects.
     */
    int readMemory(VcpuContext ctx, long address, byte[] dst, boolean physical);

    /** Writes guest memory; returns how many bytes from the start were written. Devices as for reads. */
    int writeMemory(VcpuContext ctx, long address, byte[] src, boolean physical);
}
