package org.emu4e.engine.cpu.a64.gdb;

import org.emu4e.engine.api.VcpuContext;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.emu4e.engine.gdbstub.GdbArch;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * AArch64 side of the GDB stub: registers ({@link A64Registers}), target description
 * ({@link A64TargetXml}) and debugger memory access. Virtual addresses are translated page
 * by page with {@code Mmu.debugTranslate} (no faults, no side effects) on the vCPU's own
 * thread. Device (MMIO) regions are only touched in physical mode ({@code monitor phys on}),
 * because reading a device register can change device state (e.g. pop a UART FIFO).
 */
public final class A64GdbArch implements GdbArch {
    private static final int PAGE = 0x1000;

    @Override
    public String featureDocument(String annex) {
        return "target.xml".equals(annex) ? A64TargetXml.targetXml() : null;
    }

    @Override
    public byte[] readRegisters(VcpuContext ctx) { return A64Registers.readAll(CpuContext.cpuOf(ctx)); }

    @Override
    public boolean writeRegisters(VcpuContext ctx, byte[] data) { return A64Registers.writeAll(CpuContext.cpuOf(ctx), data); }

    @Override
    public byte[] readRegister(VcpuContext ctx, int regno) { return A64Registers.read(CpuContext.cpuOf(ctx), regno); }

    @Override
    public boolean writeRegister(VcpuContext ctx, int regno, byte[] value) {
        return A64Registers.write(CpuContext.cpuOf(ctx), regno, value);
    }

    @Override
    public int readMemory(VcpuContext ctx, long address, byte[] dst, boolean physical) {
        return access(CpuContext.cpuOf(ctx), address, dst, physical, false);
    }

    @Override
    public int writeMemory(VcpuContext ctx, long address, byte[] src, boolean physical) {
        return access(CpuContext.cpuOf(ctx), address, src, physical, true);
    }

    /** Copies page by page; returns the number of bytes done before the first inaccessible one. */
    static int access(A64Cpu cpu, long address, byte[] buf, boolean physical, boolean write) {
        PhysicalBus bus = cpu.bus();
        int done = 0;
        while (done < buf.length) {
            long va = address + done;
            int chunk = (int) Math.min(buf.length - done, PAGE - (va & (PAGE - 1)));
            long pa = physical ? va : cpu.mmu().debugTranslate(va);
            if (pa == -1) {
                break;
            }
            Ram ram = bus.ramAt(pa, chunk);
            if (ram != null) {
                if (write) {
                    ram.writeBytes(pa, buf, done, chunk);
                } else {
                    ram.readBytes(pa, buf, done, chunk);
                }
                done += chunk;
                continue;
            }
            int n = bytewise(bus, pa, buf, done, chunk, physical, write);
            done += n;
            if (n < chunk) {
                break;
            }
        }
        return done;
    }

    /** A chunk not wholly in one RAM: RAM bytes one by one, devices (physical mode only) by word. */
    private static int bytewise(PhysicalBus bus, long pa, byte[] buf, int off, int len, boolean physical, boolean write) {
        int i = 0;
        while (i < len) {
            long a = pa + i;
            Ram r = bus.ramAt(a, 1);
            if (r != null) {
                if (write) {
                    r.writeBytes(a, buf, off + i, 1);
                } else {
                    r.readBytes(a, buf, off + i, 1);
                }
                i++;
                continue;
            }
            if (!physical || !bus.isDevice(a)) {
                break;
            }
            int size = (a & 3) == 0 && len - i >= 4 && bus.isMapped(a, 4) ? 4 : 1;
            try {
                if (write) {
                    long v = 0;
                    for (int k = 0; k < size; k++) {
                        v |= (buf[off + i + k] & 0xFFL) << (8 * k);
                    }
                    bus.write(a, size, v);
                } else {
                    long v = bus.read(a, size);
                    for (int k = 0; k < size; k++) {
                        buf[off + i + k] = (byte) (v >>> (8 * k));
                    }
                }
            } catch (BusFault f) {
                break;
            }
            i += size;
        }
        return i;
    }
}
