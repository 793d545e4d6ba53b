package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.board.fdt.Dtc;
import org.emu4e.engine.board.fdt.FdtWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated tree, read back with dtc, against the parts of QEMU 7.2's virt tree we model. */
class VirtDeviceTreeTest {
    private static String ours(VirtConfig c, VirtDeviceTree.Chosen chosen) throws Exception {
        return Dtc.decompile(FdtWriter.write(VirtDeviceTree.build(c, chosen), List.of(), 0));
    }

    @Test
    void keyNodes() throws Exception {
        String dts = ours(VirtConfig.defaults().withCpus(4).withRam(256L << 20),
                new VirtDeviceTree.Chosen("console=ttyAMA0", 0x4800_0000L, 0x4810_0000L));
        assertTrue(dts.contains("#address-cells = <0x02>;"));
        assertTrue(Dtc.node(dts, "memory@40000000").contains("reg = <0x00 0x40000000 0x00 0x10000000>;"));
        String psci = Dtc.node(dts, "psci");
        assertTrue(psci.contains("method = \"hvc\";"));
        assertTrue(psci.contains("compatible = \"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci\";"));
        String gic = Dtc.node(dts, "intc@8000000");
        assertTrue(gic.contains("reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>;"), gic);
        assertTrue(gic.contains("compatible = \"arm,cortex-a15-gic\";"));
        assertTrue(gic.contains("#interrupt-cells = <0x03>;"));
        assertTrue(Dtc.node(dts, "timer").contains(
                "interrupts = <0x01 0x0d 0xf04 0x01 0x0e 0xf04 0x01 0x0b 0xf04 0x01 0x0a 0xf04>;"));
        String uart = Dtc.node(dts, "pl011@9000000");
        assertTrue(uart.contains("interrupts = <0x00 0x01 0x04>;"));
        assertTrue(uart.contains("compatible = \"arm,pl011\\0arm,primecell\";"));
        String pmu = Dtc.node(dts, "pmu@90c0000");
        assertTrue(pmu.contains("compatible = \"emu4e,pmu-1.0\";"));
        assertTrue(pmu.contains("reg = <0x00 0x90c0000 0x00 0x1000>;"));
        assertTrue(pmu.contains("#cpus = <0x04>;"));
        String cpus = Dtc.node(dts, "cpus");
        for (int i = 0; i < 4; i++) {
            assertTrue(cpus.contains("cpu@" + i + " {"), cpus);
        }
        assertTrue(cpus.contains("reg = <0x03>;"));
        assertTrue(cpus.contains("enable-method = \"psci\";"));
        String chosen = Dtc.node(dts, "chosen");
        assertTrue(chosen.contains("bootargs = \"console=ttyAMA0\";"));
        assertTrue(chosen.contains("stdout-path = \"/pl011@9000000\";"));
        assertTrue(chosen.contains("linux,initrd-start = <0x00 0x48000000>;"), chosen);
        assertTrue(chosen.contains("linux,initrd-end = <0x00 0x48100000>;"));
        assertTrue(Dtc.node(dts, "apb-pclk").contains("clock-frequency = <0x16e3600>;"));
        String perf = Dtc.node(dts, "pmu");
        assertNotNull(perf, "the Performance Monitors node");
        assertTrue(perf.contains("compatible = \"arm,armv8-pmuv3\";"), perf);
        assertTrue(perf.contains("interrupts = <0x01 0x07 0xf04>;"), "PPI 7 = INTID 23 on all 4 CPUs: " + perf);
    }

    @Test
    void gicv3NodeRedistributorsAndClustersOf16() throws Exception {
        String dts = ours(VirtConfig.defaults().withGicVersion(3).withCpus(20), new VirtDeviceTree.Chosen("", 0, 0));
        String gic = Dtc.node(dts, "intc@8000000");
        assertTrue(gic.contains("compatible = \"arm,gic-v3\";"), gic);
        // Distributor 64 KiB, one Redistributor region of 20 x 128 KiB.
        assertTrue(gic.contains("reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 0x280000>;"), gic);
        assertTrue(gic.contains("#redistributor-regions = <0x01>;"), gic);
        assertTrue(gic.contains("interrupts = <0x01 0x09 0x04>;"), "maintenance PPI 9: " + gic);
        assertTrue(gic.contains("#interrupt-cells = <0x03>;"));
        assertTrue(gic.contains("interrupt-controller;"));
        assertTrue(Dtc.node(dts, "timer").contains(
                "interrupts = <0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04>;"), "no GICv2 CPU mask");
        assertTrue(Dtc.node(dts, "pl011@9000000").contains("interrupts = <0x00 0x01 0x04>;"));
        String cpus = Dtc.node(dts, "cpus");
        assertTrue(cpus.contains("cpu@f {"), cpus);
        assertTrue(cpus.contains("cpu@100 {"), "cpu16 is Aff1 1, Aff0 0: " + cpus);
        assertTrue(cpus.contains("cpu@103 {"), cpus);
        assertTrue(Dtc.node(dts, "pmu@90c0000").contains("#cpus = <0x14>;"));
        assertTrue(Dtc.node(dts, "pmu").contains("interrupts = <0x01 0x07 0x04>;"), "no GICv3 CPU mask");
    }

    @Test
    void tooManyCpusForGicv2() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VirtConfig.defaults().withCpus(9));
        assertTrue(e.getMessage().contains("gic-version=3"), e.getMessage());
        assertTrue(VirtConfig.defaults().withGicVersion(3).withCpus(64).cpus() == 64);
    }

    @Test
    void smcConduitAndNoInitrd() throws Exception {
        String dts = ours(VirtConfig.defaults().withConduit(org.emu4e.engine.devices.psci.Psci.Conduit.SMC),
                new VirtDeviceTree.Chosen("", 0, 0));
        assertTrue(Dtc.node(dts, "psci").contains("method = \"smc\";"));
        assertFalse(Dtc.node(dts, "chosen").contains("initrd"));
        assertFalse(Dtc.node(dts, "chosen").contains("bootargs"));
        assertTrue(Dtc.node(dts, "timer").contains("0x01 0x0d 0x104"), "one CPU: mask 0x1");
    }

    /** Same lines as QEMU's own tree for the nodes both have (QEMU 7.2, if installed). */
    @Test
    void matchesQemuWhereBothModel(@TempDir Path tmp) throws Exception {
        Path q = tmp.resolve("qemu.dtb");
        Process p;
        try {
            p = new ProcessBuilder("qemu-system-aarch64", "-M", "virt,dumpdtb=" + q, "-cpu", "cortex-a53",
                    "-smp", "4", "-m", "256M", "-nographic").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("qemu-system-aarch64 not installed");
            return;
        }
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(q), "QEMU did not dump its tree");
        String qemu = Dtc.decompile(q);
        String ours = ours(VirtConfig.defaults().withCpus(4).withRam(256L << 20), new VirtDeviceTree.Chosen("", 0, 0));
        for (String node : List.of("memory@40000000", "pl011@9000000", "pl031@9010000", "timer", "pmu", "apb-pclk")) {
            assertEquals(lines(Dtc.node(qemu, node)), lines(Dtc.node(ours, node)), node);
        }
        for (String prop : List.of("method = \"hvc\";", "compatible = \"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci\";",
                "cpu_on = <0xc4000003>;", "cpu_off = <0x84000002>;")) {
            assertTrue(Dtc.node(qemu, "psci").contains(prop) && Dtc.node(ours, "psci").contains(prop), prop);
        }
        String qgic = Dtc.node(qemu, "intc@8000000");
        for (String prop : List.of("reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>;",
                "compatible = \"arm,cortex-a15-gic\";", "#interrupt-cells = <0x03>;", "interrupt-controller;")) {
            assertTrue(qgic.contains(prop) && Dtc.node(ours, "intc@8000000").contains(prop), prop);
        }
        for (int i = 0; i < 4; i++) {
            String qc = cpuNode(qemu, i);
            String oc = cpuNode(ours, i);
            for (String prop : List.of("reg = <0x0" + i + ">;", "enable-method = \"psci\";",
                    "compatible = \"arm,cortex-a53\";", "device_type = \"cpu\";")) {
                assertTrue(qc.contains(prop) && oc.contains(prop), prop);
            }
        }
    }

    private static String cpuNode(String dts, int i) {
        int at = dts.indexOf("cpu@" + i + " {");
        return dts.substring(at, dts.indexOf("};", at));
    }

    /** Property lines without phandle values (numbering differs), sorted. */
    private static List<String> lines(String node) {
        return node.lines().map(String::trim)
                .filter(l -> !l.startsWith("phandle") && !l.startsWith("clocks"))
                .sorted().toList();
    }
}
