package org.emu4e.engine.gdbstub;

import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuCall;

/**
 * Registers (g/G/p/P), memory (m/M/X) and break/watchpoints (Z/z). Register and memory
 * work runs on the selected vCPU's thread through {@code callSync}, so it sees that
 * vCPU's MMU state. Errors: E14 (EFAULT) for memory that cannot be accessed, E22
 * (EINVAL) for malformed requests.
 */
final class DataAccess {
    /** Largest m/M/X transfer served at once; GDB splits bigger requests. */
    static final int MAX_MEMORY = 0x1000;

    private final GdbSession s;

    DataAccess(GdbSession s) {
        this.s = s;
    }

    private <T> T onCurrent(VcpuCall<T> call) {
        Vcpu v = s.machine.vcpu(s.currentG);
        return v.callSync(call);
    }

    String readRegisters() {
        return Hex.encode(onCurrent(ctx -> s.arch.readRegisters(ctx)));
    }

    String writeRegisters(String hex) {
        byte[] b = Hex.decode(hex);
        return onCurrent(ctx -> s.arch.writeRegisters(ctx, b)) ? "OK" : "E22";
    }

    String readRegister(String rest) {
        int n = Hex.parseInt(rest);
        byte[] v = onCurrent(ctx -> s.arch.readRegister(ctx, n));
        return v == null ? "E45" : Hex.encode(v);
    }

    String writeRegister(String rest) {
        int eq = rest.indexOf('=');
        if (eq < 0) {
            return "E22";
        }
        int n = Hex.parseInt(rest.substring(0, eq));
        byte[] b = Hex.decode(rest.substring(eq + 1));
        return onCurrent(ctx -> s.arch.writeRegister(ctx, n, b)) ? "OK" : "E45";
    }

    String readMemory(String rest) {
        int comma = rest.indexOf(',');
        long addr = Hex.parseLong(rest.substring(0, comma));
        int len = Math.min(Hex.parseInt(rest.substring(comma + 1)), MAX_MEMORY);
        if (len == 0) {
            return "";
        }
        byte[] buf = new byte[len];
        boolean phys = s.physicalMemory;
        int n = onCurrent(ctx -> s.arch.readMemory(ctx, addr, buf, phys));
        return n <= 0 ? "E14" : Hex.encode(buf, 0, n);
    }

    String writeMemory(String rest) {
        int colon = rest.indexOf(':');
        return write(rest.substring(0, colon), Hex.decode(rest.substring(colon + 1)));
    }

    /** X addr,len:binary — the payload arrives already unescaped. */
    String writeMemoryBinary(String rest) {
        int colon = rest.indexOf(':');
        byte[] b = RspCodec.latin1(rest.substring(colon + 1));
        return write(rest.substring(0, colon), b);
    }

    private String write(String addrLen, byte[] b) {
        int comma = addrLen.indexOf(',');
        long addr = Hex.parseLong(addrLen.substring(0, comma));
        int len = Hex.parseInt(addrLen.substring(comma + 1));
        if (len != b.length || len > PacketDecoder.MAX_FRAME) {
            return "E22";
        }
        if (len == 0) {
            return "OK";
        }
        boolean phys = s.physicalMemory;
        int n = onCurrent(ctx -> s.arch.writeMemory(ctx, addr, b, phys));
        return n == len ? "OK" : "E14";
    }

    /** Z/z type,addr,kind[;cond...]: 0 software and 1 hardware breakpoint, 2/3/4 watchpoints. */
    String breakpoint(boolean insert, String rest) {
        int semi = rest.indexOf(';');
        String[] f = (semi >= 0 ? rest.substring(0, semi) : rest).split(",");
        if (f.length != 3) {
            return "E22";
        }
        int type = Hex.parseInt(f[0]);
        long addr = Hex.parseLong(f[1]);
        int kind = Hex.parseInt(f[2]);
        Breakpoints b = s.breakpoints;
        Breakpoints n;
        switch (type) {
            case 0, 1 -> n = insert ? b.withBreakpoint(addr, type == 1) : b.withoutBreakpoint(addr, type == 1);
            case 2, 3, 4 -> {
                if (kind <= 0) {
                    return "E22";
                }
                Breakpoints.WatchKind k = type == 2 ? Breakpoints.WatchKind.WRITE
                        : type == 3 ? Breakpoints.WatchKind.READ : Breakpoints.WatchKind.ACCESS;
                n = insert ? b.withWatch(addr, kind, k) : b.withoutWatch(addr, kind, k);
            }
            default -> {
                return "";
            }
        }
        if (n != b) {
            install(n);
        }
        return "OK";
    }

    void install(Breakpoints n) {
        s.breakpoints = n;
        try {
            s.debug().setHooks(n.isEmpty() ? null : n)
                    .get(GdbServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("installing breakpoints failed", e);
        }
    }
}
