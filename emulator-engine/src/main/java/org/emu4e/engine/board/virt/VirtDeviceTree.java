package org.emu4e.engine.board.virt;

import static org.emu4e.engine.board.virt.VirtMemoryMap.Region;

import org.emu4e.engine.board.fdt.FdtNode;
import org.emu4e.engine.board.fdt.FdtReader;
import org.emu4e.engine.board.fdt.FdtWriter;
import org.emu4e.engine.devices.flash.CfiFlash;
import org.emu4e.engine.devices.gic.Gicv3Redistributors;
import org.emu4e.engine.devices.pmu.PmuController;
import org.emu4e.engine.devices.psci.Psci;
import org.emu4e.engine.loader.LoadException;

/**
 * Builds the virt board's device tree from the memory map, in the shape QEMU 7.2 gives its
 * virt machine (same node names, compatibles, interrupt specifiers and /chosen properties),
 * plus the emu4e PMU node. Bindings: Linux Documentation/devicetree/bindings (arm/cpus,
 * arm/psci, interrupt-controller/arm,gic, timer/arm,arch_timer, serial/pl011).
 */
public final class VirtDeviceTree {
    public static final int PHANDLE_CLOCK = 0x8000;
    public static final int PHANDLE_GIC = 0x8001;

    private static final int GIC_SPI = 0;
    private static final int GIC_PPI = 1;
    private static final int IRQ_LEVEL_HIGH = 4;

    private VirtDeviceTree() { }

    /** Where the loader placed the initrd; {@code start == end} when there is none. */
    public record Chosen(String bootargs, long initrdStart, long initrdEnd) { }

    public static FdtNode build(VirtConfig config, Chosen chosen) {
        FdtNode root = new FdtNode("");
        root.cells("interrupt-parent", PHANDLE_GIC)
                .strings("model", "linux,dummy-virt")
                .cells("#size-cells", 2)
                .cells("#address-cells", 2)
                .strings("compatible", "linux,dummy-virt");

        psci(root.child("psci"), config.conduit());

        root.child(String.format("memory@%x", Region.RAM.base()))
                .longs("reg", Region.RAM.base(), config.ramSize())
                .strings("device_type", "memory");

        root.child(String.format("pl031@%x", Region.RTC.base()))
                .strings("clock-names", "apb_pclk")
                .cells("clocks", PHANDLE_CLOCK)
                .cells("interrupts", GIC_SPI, Region.RTC.spi(), IRQ_LEVEL_HIGH)
                .longs("reg", Region.RTC.base(), Region.RTC.size())
                .strings("compatible", "arm,pl031", "arm,primecell");

        long uart = Region.UART.base();
        root.child(String.format("pl011@%x", uart))
                .strings("clock-names", "uartclk", "apb_pclk")
                .cells("clocks", PHANDLE_CLOCK, PHANDLE_CLOCK)
                .cells("interrupts", GIC_SPI, Region.UART.spi(), IRQ_LEVEL_HIGH)
                .longs("reg", uart, Region.UART.size())
                .strings("compatible", "arm,pl011", "arm,primecell");

        root.child(String.format("pmu@%x", Region.PMU.base()))
                .cells("interrupts", GIC_SPI, Region.PMU.spi(), IRQ_LEVEL_HIGH)
                .cells("#cpus", config.cpus())
                .longs("reg", Region.PMU.base(), Region.PMU.size())
                .strings("compatible", PmuController.COMPATIBLE);

        if (config.gicVersion() == 3) {
            gicv3(root.child(String.format("intc@%x", Region.GIC_DIST.base())), config.cpus());
        } else {
            root.child(String.format("intc@%x", Region.GIC_DIST.base()))
                    .cells("phandle", PHANDLE_GIC)
                    .longs("reg", Region.GIC_DIST.base(), Region.GIC_DIST.size(), Region.GIC_CPU.base(),
                            Region.GIC_CPU.size())
                    .strings("compatible", "arm,cortex-a15-gic")
                    .empty("interrupt-controller")
                    .cells("#interrupt-cells", 3);
        }

        flash(root);

        cpus(root.child("cpus"), config.cpus(), config.gicVersion());

        // PPI flags: level-high trigger; with GICv2 also the CPU mask in bits [15:8] (the GICv3
        // binding has no mask, so QEMU leaves it out there).
        int ppiFlags = config.gicVersion() == 3 ? IRQ_LEVEL_HIGH : (((1 << config.cpus()) - 1) << 8) | IRQ_LEVEL_HIGH;
        root.child("timer")
                .cells("interrupts",
                        GIC_PPI, VirtMemoryMap.PPI_SECURE_PHYS, ppiFlags,
                        GIC_PPI, VirtMemoryMap.PPI_NONSECURE_PHYS, ppiFlags,
                        GIC_PPI, VirtMemoryMap.PPI_VIRT, ppiFlags,
                        GIC_PPI, VirtMemoryMap.PPI_HYP, ppiFlags)
                .empty("always-on")
                .strings("compatible", "arm,armv8-timer", "arm,armv7-timer");

        // The CPUs' Performance Monitors (PMUv3) and their overflow PPI, QEMU's "pmu" node.
        root.child("pmu")
                .cells("interrupts", GIC_PPI, VirtMemoryMap.PPI_PERF_MONITORS, ppiFlags)
                .strings("compatible", "arm,armv8-pmuv3");

        root.child("apb-pclk")
                .cells("phandle", PHANDLE_CLOCK)
                .strings("clock-output-names", "clk24mhz")
                .cells("clock-frequency", 24_000_000)
                .cells("#clock-cells", 0)
                .strings("compatible", "fixed-clock");

        FdtNode ch = root.child("chosen");
        ch.strings("stdout-path", String.format("/pl011@%x", uart));
        setChosen(ch, chosen);
        return root;
    }

    private static void setChosen(FdtNode ch, Chosen chosen) {
        if (!chosen.bootargs().isEmpty()) {
            ch.strings("bootargs", chosen.bootargs());
        }
        if (chosen.initrdEnd() > chosen.initrdStart()) {
            ch.longs("linux,initrd-start", chosen.initrdStart());
            ch.longs("linux,initrd-end", chosen.initrdEnd());
        }
    }

    /**
     * A user's -dtb with /chosen updated as QEMU does: bootargs from -append and the initrd
     * range (other nodes are kept as given).
     */
    public static byte[] patchChosen(String name, byte[] blob, Chosen chosen) throws LoadException {
        FdtReader.Tree t;
        try {
            t = FdtReader.parse(blob);
        } catch (IllegalArgumentException e) {
            throw new LoadException(name + ": " + e.getMessage());
        }
        FdtNode ch = t.root().find("chosen");
        if (ch == null) {
            ch = t.root().child("chosen");
        }
        setChosen(ch, chosen);
        // QEMU (load_device_tree) opens the file into (size + 10000) * 2 bytes and loads the tree
        // with that totalsize: the same free space here, so firmware that copies or grows the
        // tree lays out memory as it does on QEMU.
        return FdtWriter.write(t.root(), t.reservations(), t.bootCpuId(), (blob.length + 10000) * 2);
    }

    /** QEMU's node for its two pflash banks: one node, two reg ranges, 4-byte bank width. */
    private static void flash(FdtNode root) {
        long bank = CfiFlash.BANK_SIZE;
        root.child(String.format("flash@%x", Region.FLASH.base()))
                .cells("bank-width", 4)
                .longs("reg", Region.FLASH.base(), bank, Region.FLASH.base() + bank, bank)
                .strings("compatible", "cfi-flash");
    }

    private static void psci(FdtNode n, Psci.Conduit conduit) {
        // Function ids for the PSCI 0.1 binding, as QEMU lists them (SMC64 variants).
        n.cells("migrate", 0xC400_0005)
                .cells("cpu_on", Psci.CPU_ON | Psci.SMC64)
                .cells("cpu_off", Psci.CPU_OFF)
                .cells("cpu_suspend", Psci.CPU_SUSPEND | Psci.SMC64)
                .strings("method", conduit == Psci.Conduit.HVC ? "hvc" : "smc")
                .strings("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
    }

    /**
     * The GICv3 node (binding interrupt-controller/arm,gic-v3.yaml): Distributor and one
     * Redistributor region sized for the CPUs, maintenance interrupt PPI 9.
     */
    private static void gicv3(FdtNode n, int cpus) {
        n.cells("phandle", PHANDLE_GIC)
                .cells("interrupts", GIC_PPI, VirtMemoryMap.PPI_GIC_MAINTENANCE, IRQ_LEVEL_HIGH)
                .longs("reg", Region.GIC_DIST.base(), Region.GIC_DIST.size(),
                        Region.GIC_REDIST.base(), (long) cpus * Gicv3Redistributors.FRAME_PAIR)
                .cells("#redistributor-regions", 1)
                .strings("compatible", "arm,gic-v3")
                .empty("ranges")
                .cells("#size-cells", 2)
                .cells("#address-cells", 2)
                .empty("interrupt-controller")
                .cells("#interrupt-cells", 3);
    }

    private static void cpus(FdtNode n, int count, int gicVersion) {
        n.cells("#size-cells", 0).cells("#address-cells", 1);
        for (int i = 0; i < count; i++) {
            long aff = VirtMemoryMap.affinity(i, gicVersion);
            n.child(String.format("cpu@%x", aff))
                    .cells("reg", (int) aff)
                    .strings("enable-method", "psci")
                    .strings("compatible", "arm,cortex-a53")
                    .strings("device_type", "cpu");
        }
    }
}
