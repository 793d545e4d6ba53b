package org.emu4e.engine.board.virt;

import static org.emu4e.engine.board.virt.VirtMemoryMap.Region;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.board.fdt.FdtWriter;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.devices.flash.CfiFlash;
import org.emu4e.engine.devices.gic.Gic;
import org.emu4e.engine.devices.gic.GicState;
import org.emu4e.engine.devices.gic.Gicv3;
import org.emu4e.engine.devices.pl011.Pl011;
import org.emu4e.engine.devices.pmu.PmuController;
import org.emu4e.engine.devices.psci.Psci;
import org.emu4e.engine.devices.rtc.Pl031;
import org.emu4e.engine.devices.timer.GenericTimer;
import org.emu4e.engine.loader.BootFiles;
import org.emu4e.engine.loader.BootImage;
import org.emu4e.engine.loader.LoadException;
import org.emu4e.engine.memory.MmioDevice;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.runtime.Board;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * The virt board: RAM, two flash banks, a GICv2 or (gic-version=3) a GICv3, one generic timer per CPU,
 * PL011 UART, PL031 RTC, PSCI firmware and the emu4e PMU, wired by the tables in {@link VirtMemoryMap},
 * with the boot files loaded.
 *
 * <p>Each vCPU gets its own {@link PhysicalBus} view sharing the RAM and devices but mapping
 * that CPU's banked GIC registers (hardware banks them by the bus master's CPU id). {@link #bus()}
 * is the view of CPU 0, used by loaders, the debugger and the host.
 */
public final class VirtBoard implements Board {
    private final VirtConfig config;
    private final ReentrantLock bigLock = new ReentrantLock();
    private final Ram ram;
    private final PhysicalBus[] buses;
    /** The interrupt controller's shared core; exactly one of {@link #gicv2} and {@link #gicv3} exists. */
    private final GicState gic;
    private final Gic gicv2;
    private final Gicv3 gicv3;
    private final GenericTimer[] timers;
    private final Pl011 uart;
    private final Pl031 rtc;
    private final CfiFlash[] flash;
    private final PmuController pmu;
    private final Psci psci;
    private final long[] mpidrs;
    private final BootImage kernel;
    private final byte[] initrd;
    private final long initrdAddress;
    private final byte[] dtb;
    private final long dtbAddress;
    /** The runtime's shared timer thread, where PMU interrupt updates take the big lock. */
    private volatile ScheduledExecutorService scheduler;

    /**
     * @throws LoadException         if a boot file is missing or malformed
     * @throws IllegalStateException if the guest RAM cannot be allocated
     */
    public VirtBoard(VirtConfig config) throws LoadException {
        this.config = config;
        int n = config.cpus();
        long ramBase = Region.RAM.base();
        ram = allocateRam(ramBase, config.ramSize());
        mpidrs = new long[n];
        for (int i = 0; i < n; i++) {
            mpidrs[i] = VirtMemoryMap.mpidr(i, config.gicVersion());
        }
        if (config.gicVersion() == 3) {
            gicv2 = null;
            gicv3 = new Gicv3(mpidrs, VirtMemoryMap.GIC_IRQS, bigLock);
            gic = gicv3.state();
        } else {
            gicv2 = new Gic(n, VirtMemoryMap.GIC_IRQS);
            gicv3 = null;
            gic = gicv2.state();
        }
        timers = new GenericTimer[n];
        long epoch = System.nanoTime();
        for (int i = 0; i < n; i++) {
            timers[i] = new GenericTimer(i, bigLock, System::nanoTime, epoch,
                    (cpu, intid, level) -> gic.setPpiLevel(cpu, intid, level));
        }
        uart = new Pl011(bigLock, level -> gic.setSpiLevel(Region.UART.spi(), level));
        rtc = new Pl031(bigLock, level -> gic.setSpiLevel(Region.RTC.spi(), level), System::nanoTime,
                () -> System.currentTimeMillis() / 1000);
        // The PMU covers up to 64 CPUs (two register banks), all GICv3 allows.
        pmu = new PmuController(n, level -> gic.setSpiLevel(Region.PMU.spi(), level));
        flash = new CfiFlash[] {
            new CfiFlash("pflash0", flashImage(config.flash().unit0())),
            new CfiFlash("pflash1", flashImage(config.flash().unit1()))};
        buses = new PhysicalBus[n];
        for (int i = 0; i < n; i++) {
            buses[i] = new PhysicalBus(bigLock);
            buses[i].addRam(ram);
            if (gicv3 != null) {
                map(buses[i], Region.GIC_DIST, gicv3.distributor());
                buses[i].addDevice(Region.GIC_REDIST.base(), gicv3.redistributors().size(), gicv3.redistributors());
            } else {
                map(buses[i], Region.GIC_DIST, gicv2.distributor(i));
                map(buses[i], Region.GIC_CPU, gicv2.cpuInterface(i));
            }
            map(buses[i], Region.UART, uart);
            map(buses[i], Region.RTC, rtc);
            map(buses[i], Region.PMU, pmu);
            buses[i].addDevice(Region.FLASH.base(), CfiFlash.BANK_SIZE, flash[0]);
            buses[i].addDevice(Region.FLASH.base() + CfiFlash.BANK_SIZE, CfiFlash.BANK_SIZE, flash[1]);
        }
        psci = new Psci(config.conduit(), mpidrs, buses[0]);
        psci.setRebootPowersOff(config.noReboot());

        long ramSize = config.ramSize();
        kernel = config.kernel() == null ? null : BootFiles.loadKernel(config.kernel(), ramBase, ramSize);
        long usedEnd = kernel == null ? ramBase : kernel.high();
        if (config.initrd() != null) {
            initrd = BootFiles.read(config.initrd(), "initrd", ramSize);
            initrdAddress = BootFiles.initrdAddress(kernel, initrd.length, ramBase, ramSize);
            usedEnd = initrdAddress + initrd.length;
        } else {
            initrd = null;
            initrdAddress = 0;
            if (kernel != null && kernel.kind() != BootImage.Kind.ELF) {
                // the tree of a raw/Image boot goes where it would go after an initrd
                usedEnd = Math.max(usedEnd, BootFiles.initrdAddress(kernel, 0, ramBase, ramSize));
            }
        }
        var chosen = new VirtDeviceTree.Chosen(config.append(), initrdAddress,
                initrd == null ? initrdAddress : initrdAddress + initrd.length);
        if (config.dtb() != null) {
            dtb = VirtDeviceTree.patchChosen(config.dtb().toString(),
                    BootFiles.read(config.dtb(), "device tree", ramSize), chosen);
        } else {
            dtb = FdtWriter.write(VirtDeviceTree.build(config, chosen), List.of(), 0);
        }
        dtbAddress = BootFiles.dtbAddress(kernel, usedEnd, dtb.length, ramBase, ramSize);
        loadImages();
    }

    private static byte[] flashImage(java.nio.file.Path file) throws LoadException {
        if (file == null) {
            return new byte[0];
        }
        long size = file.toFile().length(); // 0 when unreadable: read() below says why
        if (size > CfiFlash.BANK_SIZE) {
            throw new LoadException(file + ": flash image of " + size + " bytes is larger than the 64 MiB flash bank");
        }
        byte[] b = BootFiles.read(file, "flash image", CfiFlash.BANK_SIZE);
        if (b.length == 0) {
            throw new LoadException(file + ": flash image is empty");
        }
        return b;
    }

    /** RAM chunks are allocated on first touch; the size is checked against what the JVM may allocate. */
    private static Ram allocateRam(long base, long size) {
        HostMemory.checkGuestRam(size);
        return new Ram(base, size);
    }

    private static void map(PhysicalBus bus, Region r, MmioDevice d) {
        bus.addDevice(r.base(), r.size(), d);
    }

    private void loadImages() {
        if (kernel != null) {
            kernel.loadInto(buses[0]);
        }
        if (initrd != null) {
            buses[0].load(initrdAddress, initrd);
        }
        buses[0].load(dtbAddress, dtb);
    }

    public VirtConfig config() { return config; }

    /** The device tree blob given to the guest (generated or from -dtb). */
    public byte[] deviceTreeBlob() { return dtb.clone(); }

    public long deviceTreeAddress() { return dtbAddress; }

    /**
     * Where the boot CPU starts: the kernel entry; without a kernel the flash base when bank 0 holds
     * firmware (QEMU virt's firmware boot), else the start of RAM.
     */
    public long entryPoint() {
        if (kernel != null) {
            return kernel.entry();
        }
        return config.flash().hasFirmware() ? Region.FLASH.base() : Region.RAM.base();
    }

    public BootImage kernel() { return kernel; }

    /** The GICv2, or null with gic-version=3. */
    public Gic gic() { return gicv2; }

    /** The GICv3, or null with gic-version=2. */
    public Gicv3 gicv3() { return gicv3; }

    /** The interrupt controller's shared state (either version). */
    public GicState gicState() { return gic; }

    public Pl011 uart() { return uart; }

    public PmuController pmu() { return pmu; }

    public Psci psci() { return psci; }

    public GenericTimer timer(int cpu) { return timers[cpu]; }

    /** Gives the PMU's CPU_STATUS registers the vCPUs' run states (set when the machine exists). */
    public void setRunStateSource(IntFunction<RunState> source) { pmu.setRunStateSource(source); }

    /**
     * A vCPU run-state change (a {@code StateListener}, on that vCPU's thread, outside the big lock):
     * entering or leaving PMU_HALTED sets the PMU's IRQ_STATUS bit; the interrupt line follows on the
     * timer thread under the big lock (never taken here, so a vCPU reporting a state never waits for it).
     */
    public void stateChanged(StateChange c) {
        if ((c.from() == RunState.PMU_HALTED) != (c.to() == RunState.PMU_HALTED)) {
            pmu.haltChanged(c.cpu());
            ScheduledExecutorService s = scheduler;
            if (s != null) {
                try {
                    s.execute(this::updatePmuIrq);
                } catch (RejectedExecutionException e) {
                    // machine shutting down: no line to drive
                }
            }
        }
    }

    private void updatePmuIrq() {
        bigLock.lock();
        try {
            pmu.updateIrq();
        } finally {
            bigLock.unlock();
        }
    }

    // ---- runtime.Board ----------------------------------------------------------------

    @Override public int cpuCount() { return config.cpus(); }

    @Override public long mpidr(int cpu) { return mpidrs[cpu]; }

    @Override public PhysicalBus bus() { return buses[0]; }

    @Override public ReentrantLock bigLock() { return bigLock; }

    @Override
    public CpuEnvironment environment(int cpu, RuntimeServices services) {
        bigLock.lock();
        try {
            gic.setOutput((c, level) -> services.kick(c));
            timers[cpu].setScheduler(services.timers());
            rtc.setScheduler(services.timers());
            scheduler = services.timers();
            pmu.setLines(new PmuController.Lines() {
                @Override public void setHalt(int c, boolean asserted) { services.setPmuHalt(c, asserted); }

                @Override public boolean isHaltAsserted(int c) { return services.pmuHaltAsserted(c); }
            });
        } finally {
            bigLock.unlock();
        }
        int perfIntid = 16 + VirtMemoryMap.PPI_PERF_MONITORS;
        return new VirtCpuEnvironment(cpu, mpidrs[cpu], buses[cpu], gic, gicv3 == null ? null : gicv3.cpuInterface(cpu),
                timers[cpu], psci, services, level -> {
                    bigLock.lock();
                    try {
                        gic.setPpiLevel(cpu, perfIntid, level);
                    } finally {
                        bigLock.unlock();
                    }
                }, config.exec());
    }

    /**
     * Architectural reset at EL1 (QEMU virt without virtualization=on). The boot CPU starts at
     * the entry point with x0 = device tree address, x1..x3 = 0 (Linux arm64 boot protocol;
     * bare-metal ELF images get the same). Secondaries wait for PSCI CPU_ON.
     */
    @Override
    public void resetCpu(int cpu, A64Cpu c) {
        c.reset(1, cpu == 0 ? entryPoint() : 0);
        if (cpu == 0) {
            c.state().x[0] = dtbAddress;
        }
    }

    @Override public boolean startsPoweredOn(int cpu) { return cpu == 0; }

    /** System reset (big lock held): devices to reset state, boot images copied in again. */
    @Override
    public void resetDevices() {
        bigLock.lock();
        try {
            if (gicv3 != null) {
                gicv3.reset();
            } else {
                gic.reset();
            }
            for (GenericTimer t : timers) {
                t.reset();
            }
            uart.reset();
            rtc.reset();
            pmu.reset();
            loadImages();
        } finally {
            bigLock.unlock();
        }
    }

    @Override public Console console() { return uart; }

    @Override
    public void setInterruptLine(int spi, boolean level) {
        bigLock.lock();
        try {
            gic.setSpiLevel(spi, level);
        } finally {
            bigLock.unlock();
        }
    }

    @Override
    public void setPrivateInterruptLine(int cpu, int ppi, boolean level) {
        gic.setPpiLevel(cpu, ppi, level);
    }

    @Override
    public void close() {
        for (GenericTimer t : timers) {
            t.close();
        }
        rtc.close();
    }
}
