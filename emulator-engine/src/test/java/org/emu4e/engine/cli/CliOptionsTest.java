package org.emu4e.engine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CliOptionsTest {
    private static CliOptions parse(String... a) throws UsageException {
        return CliOptions.parse(List.of(a));
    }

    private static String error(String... a) {
        return assertThrows(UsageException.class, () -> parse(a)).getMessage();
    }

    @Test
    void qemuStyleFlags() throws Exception {
        CliOptions o = parse("-M", "virt,gic-version=2", "-cpu", "cortex-a53", "-smp", "4", "-m", "1G",
                "-kernel", "k.elf", "-initrd", "i.img", "-append", "console=ttyAMA0", "-nographic",
                "-serial", "stdio", "-s", "-S", "-d", "guest_errors,unimp", "--trace-power",
                "--control", "tcp:127.0.0.1:4444");
        assertEquals(4, o.config().cpus());
        assertEquals(1L << 30, o.config().ramSize());
        assertEquals(Path.of("k.elf"), o.config().kernel());
        assertEquals(Path.of("i.img"), o.config().initrd());
        assertEquals("console=ttyAMA0", o.config().append());
        assertEquals("127.0.0.1", o.gdbHost());
        assertEquals(1234, o.gdbPort());
        assertTrue(o.startPaused());
        assertTrue(o.tracePower());
        assertFalse(o.stats());
        assertTrue(parse("--stats").stats());
        assertEquals(Set.of("guest_errors", "unimp"), o.logItems());
        assertEquals("tcp:127.0.0.1:4444", o.control());
    }

    @Test
    void defaultsAndVariants() throws Exception {
        CliOptions o = parse();
        assertEquals(1, o.config().cpus());
        assertEquals(128L << 20, o.config().ramSize());
        assertNull(o.gdbHost());
        assertEquals(256L << 20, parse("-m", "256").config().ramSize(), "no suffix: MiB");
        assertEquals(512L << 20, parse("-m", "size=512M").config().ramSize());
        assertEquals(2, parse("-smp", "cpus=2").config().cpus());
        assertEquals(0, parse("-gdb", "tcp::0").gdbPort());
        assertEquals("0.0.0.0", parse("-gdb", "tcp:0.0.0.0:2345").gdbHost());
        assertEquals(Path.of("x.dtb"), parse("-machine", "virt,dumpdtb=x.dtb").dumpDtb());
        assertEquals(Path.of("k"), parse("--kernel", "k").config().kernel());
        assertFalse(parse("-serial", "none").serial());
        assertTrue(parse("--help").help());
        assertEquals("tcp:4450", parse("--control", "tcp:4450").control());
    }

    @Test
    void deviceTreeWithoutRandomSeedsAsQemusDtbRandomnessOff() throws Exception {
        // emu4e never writes rng-seed or kaslr-seed into /chosen: "off" is what it always does,
        // so a QEMU command line that asks for a reproducible tree runs unchanged.
        assertEquals(2, parse("-M", "virt,dtb-randomness=off").config().gicVersion());
        assertEquals(3, parse("-M", "virt,gic-version=3,dtb-kaslr-seed=off").config().gicVersion());
        assertTrue(error("-M", "virt,dtb-randomness=on").contains("dtb-randomness=off"));
    }

    @Test
    void errorsNameTheFlag() throws Exception {
        assertTrue(error("-bogus").startsWith("-bogus:"));
        assertTrue(error("-M", "raspi3b").startsWith("-M:"));
        assertTrue(error("-machine", "virt,gic-version=4").startsWith("-machine:"));
        assertTrue(error("-machine", "virt,gic-version=host").contains("KVM"));
        assertTrue(error("-cpu", "cortex-a72").startsWith("-cpu:"));
        assertTrue(error("-smp", "9").startsWith("-smp:"));
        assertTrue(error("-smp", "four").startsWith("-smp:"));
        assertTrue(error("-m", "12X").startsWith("-m:"));
        assertEquals(4L << 30, parse("-m", "4G").config().ramSize());
        assertEquals(3L << 29, parse("-m", "1.5G").config().ramSize());
        assertTrue(error("-m", "1.5.G").startsWith("-m:"));
        assertTrue(error("-m", "-0.5G").startsWith("-m:"));
        assertEquals(255L << 30, parse("-m", "255G").config().ramSize());
        assertTrue(error("-m", "256G").startsWith("-m:"));
        assertTrue(error("-m", "256G").contains("255G"));
        assertTrue(error("-m", "512K").startsWith("-m:"));
        assertTrue(error("-m", "0").startsWith("-m:"));
        assertTrue(error("-kernel").contains("missing value"));
        assertTrue(error("-gdb", "udp::1").startsWith("-gdb:"));
        assertTrue(error("-gdb", "tcp::70000").contains("port"));
        assertTrue(error("-serial", "pty").startsWith("-serial:"));
        assertTrue(error("-d", "in_asm").startsWith("-d:"));
        assertTrue(error("--control", "localhost").startsWith("--control:"));
    }

    @Test
    void execSelectsInterpreterOrTranslator() throws Exception {
        assertEquals(org.emu4e.engine.api.ExecMode.JIT, parse("--exec", "jit").config().exec().mode());
        assertEquals(org.emu4e.engine.api.ExecMode.INTERP, parse("--exec", "interp").config().exec().mode());
        assertEquals(org.emu4e.engine.api.ExecMode.JIT, parse("-exec", "JIT", "-smp", "2").config().exec().mode());
        String e = error("--exec", "tcg");
        assertTrue(e.startsWith("--exec:") && e.contains("interp or jit"), e);
        assertTrue(error("--exec").startsWith("--exec:"));
    }

    @Test
    void gicVersion3AllowsUpTo64CpusWhateverTheFlagOrder() throws Exception {
        assertEquals(2, parse().config().gicVersion(), "QEMU's default");
        CliOptions o = parse("-smp", "12", "-M", "virt,gic-version=3");
        assertEquals(3, o.config().gicVersion());
        assertEquals(12, o.config().cpus());
        assertEquals(64, parse("-M", "virt,gic-version=max", "-smp", "64").config().cpus());
        assertTrue(error("-smp", "12").contains("too many CPUs for GICv2"));
        assertTrue(error("-smp", "12").contains("gic-version=3"));
        assertTrue(error("-smp", "9", "-M", "virt,gic-version=2").startsWith("-smp:"));
        assertTrue(error("-M", "virt,gic-version=3", "-smp", "65").startsWith("-smp:"));
    }
}
