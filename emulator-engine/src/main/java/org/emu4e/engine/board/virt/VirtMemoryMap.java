package org.emu4e.engine.board.virt;

/**
 * The virt board's memory map and interrupt map as data, following QEMU 7.2's "virt"
 * machine (hw/arm/virt.c base_memmap/a15irqmap) for the parts emu4e models, plus emu4e's PMU
 * in a slot QEMU leaves free. Devices know nothing of these addresses: the board maps them.
 */
public final class VirtMemoryMap {
    private VirtMemoryMap() { }

    /** One region of the physical address space. {@code spi} is the SPI number (INTID - 32) or -1. */
    public enum Region {
        /** Two 64 MiB CFI flash banks (read-only: devices.flash.CfiFlash), bank 0 from -bios. */
        FLASH(0x0000_0000L, 0x0800_0000L, -1),
        GIC_DIST(0x0800_0000L, 0x0001_0000L, -1),
        GIC_CPU(0x0801_0000L, 0x0001_0000L, -1),
        /** GICv3 Redistributors, 128 KiB per CPU (room for 123); only with gic-version=3. */
        GIC_REDIST(0x080A_0000L, 0x00F6_0000L, -1),
        UART(0x0900_0000L, 0x0000_1000L, 1),
        /** PL031 real-time clock. */
        RTC(0x0901_0000L, 0x0000_1000L, 2),
        /** emu4e platform management unit (halt/resume lines); SPI 9 on halt-state changes. */
        PMU(0x090C_0000L, 0x0000_1000L, 9),
        /** RAM starts here; its size comes from -m. */
        RAM(0x4000_0000L, 0L, -1);

        private final long base;
        private final long size;
        private final int spi;

        Region(long base, long size, int spi) {
            this.base = base;
            this.size = size;
            this.spi = spi;
        }

        public long base() { return base; }

        public long size() { return size; }

        public int spi() { return spi; }
    }

    /** Interrupt IDs of the architected timers as the virt device tree lists them (PPI numbers 13, 14, 11, 10). */
    public static final int PPI_SECURE_PHYS = 13;
    public static final int PPI_NONSECURE_PHYS = 14;
    public static final int PPI_VIRT = 11;
    public static final int PPI_HYP = 10;
    /** The Performance Monitors overflow interrupt of each PE (PPI 7, INTID 23), as QEMU's VIRTUAL_PMU_IRQ. */
    public static final int PPI_PERF_MONITORS = 7;
    /** GIC virtual-interface maintenance interrupt (PPI 9) the GICv3 node lists, as QEMU. */
    public static final int PPI_GIC_MAINTENANCE = 9;

    /** Interrupts the GIC implements: 32 private + 256 SPIs, as QEMU virt's GICv2. */
    public static final int GIC_IRQS = 288;

    /** Largest RAM: QEMU virt's RAM window, 0x40000000 up to 256 GiB (255 GiB). */
    public static final long MAX_RAM = 255L << 30;

    /** GICv2 can target at most 8 CPUs. */
    public static final int MAX_CPUS = 8;

    /** CPUs with gic-version=3 (the model's limit; the Redistributor region would hold 123). */
    public static final int MAX_CPUS_GICV3 = 64;

    /** Most CPUs the board takes with the given GIC version (2 or 3). */
    public static int maxCpus(int gicVersion) {
        return gicVersion == 3 ? MAX_CPUS_GICV3 : MAX_CPUS;
    }

    /**
     * MPIDR_EL1 of CPU {@code index}: like QEMU virt with GICv2, clusters of 8 (Aff1 = index / 8,
     * Aff0 = index % 8), bit 31 RES1, U (bit 30) = 0 for a multiprocessor system.
     */
    public static long mpidr(int index) {
        return mpidr(index, 2);
    }

    /**
     * MPIDR_EL1 of CPU {@code index} for a GIC version: clusters of 8 with GICv2 (ITARGETSR
     * width), of 16 with GICv3 (ICC_SGI1R_EL1 TargetList width), as QEMU virt.
     */
    public static long mpidr(int index, int gicVersion) {
        int cluster = gicVersion == 3 ? 16 : 8;
        return 0x8000_0000L | ((long) (index / cluster) << 8) | (index % cluster);
    }

    /** The affinity fields of MPIDR (what PSCI and the device tree's cpu reg use). */
    public static long affinity(int index) {
        return affinity(index, 2);
    }

    public static long affinity(int index, int gicVersion) {
        return mpidr(index, gicVersion) & 0xFF_00FF_FFFFL;
    }
}
