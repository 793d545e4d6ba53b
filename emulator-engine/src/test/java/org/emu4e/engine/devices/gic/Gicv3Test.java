package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.Gicv3Distributor.*;
import static org.emu4e.engine.devices.gic.Gicv3Redistributors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess.Reg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Register-level tests of the GICv3 model (IHI 0069): Distributor, Redistributors, ICC_* interface. */
class Gicv3Test {
    private static final int CPUS = 20;
    private static final int SGI_BASE = Gicv3Redistributors.SGI_BASE;
    private Gicv3 gic;
    private final List<String> kicks = new ArrayList<>();

    /** MPIDRs as the virt board gives them with GICv3: clusters of 16. */
    static long[] mpidrs(int n) {
        long[] m = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = 0x8000_0000L | ((long) (i / 16) << 8) | (i % 16);
        }
        return m;
    }

    @BeforeEach
    void setUp() {
        gic = new Gicv3(mpidrs(CPUS), 288, new ReentrantLock());
        gic.state().setOutput((cpu, level) -> kicks.add("cpu" + cpu + "=" + level));
    }

    private long d(int off) { return gic.distributor().read(off, 4); }

    private void d(int off, long v) { gic.distributor().write(off, 4, v); }

    private long r(int cpu, int off) { return gic.redistributors().read((long) cpu * FRAME_PAIR + off, 4); }

    private void r(int cpu, int off, long v) { gic.redistributors().write((long) cpu * FRAME_PAIR + off, 4, v); }

    private long icc(int cpu, Reg reg) { return gic.cpuInterface(cpu).read(reg); }

    private void icc(int cpu, Reg reg, long v) { gic.cpuInterface(cpu).write(reg, v); }

    /** What Linux's gic-v3 driver does: distributor Group 1 on, each redistributor awake, SGIs enabled. */
    private void enable(int... cpus) {
        d(GICD_CTLR, CTLR_ARE | CTLR_ENABLE_GRP1 | CTLR_ENABLE_GRP0);
        for (int cpu : cpus) {
            r(cpu, GICR_WAKER, 0);
            r(cpu, SGI_BASE + GICD_ISENABLER, 0xFFFF);
            icc(cpu, Reg.PMR, 0xF0);
            icc(cpu, Reg.IGRPEN1, 1);
        }
    }

    private static long sgi1r(int intid, int aff1, int targetList) {
        return ((long) intid << 24) | ((long) aff1 << 16) | targetList;
    }

    @Test
    void identificationAndControl() {
        assertEquals(0x30, d(GICD_PIDR2) & 0xF0, "ArchRev 3 as Linux checks");
        assertEquals(0x30, r(5, GICR_PIDR2) & 0xF0);
        assertEquals(8, d(GICD_TYPER) & 0x1F, "ITLinesNumber for 288 interrupts");
        assertEquals(CTLR_ARE | CTLR_DS, d(GICD_CTLR), "affinity routing on, single Security state");
        d(GICD_CTLR, CTLR_ENABLE_GRP1);
        assertEquals(CTLR_ARE | CTLR_DS | CTLR_ENABLE_GRP1, d(GICD_CTLR));
        assertEquals(0x7, icc(0, Reg.SRE), "system registers enabled");
        assertEquals(7, (icc(0, Reg.CTLR) >>> 8) & 7, "8 priority bits");
    }

    @Test
    void redistributorTyperCarriesAffinityAndLastBit() {
        long t17 = gic.redistributors().read(17L * FRAME_PAIR + GICR_TYPER, 8);
        assertEquals(0x0000_0101L, t17 >>> 32, "cpu17 = Aff1 1, Aff0 1");
        assertEquals(17, (t17 >>> 8) & 0xFFFF, "Processor_Number");
        assertEquals(0, t17 & (1 << 4), "not last");
        long last = gic.redistributors().read((CPUS - 1L) * FRAME_PAIR + GICR_TYPER, 8);
        assertEquals(1 << 4, last & (1 << 4), "Last on the final redistributor");
        assertEquals(last >>> 32, r(CPUS - 1, GICR_TYPER + 4), "upper half by a 32-bit read");
        assertEquals(CPUS * (long) FRAME_PAIR, gic.redistributors().size());
    }

    @Test
    void wakerHandshake() {
        assertEquals(WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP, r(3, GICR_WAKER), "asleep at reset");
        r(3, GICR_WAKER, 0);
        assertEquals(0, r(3, GICR_WAKER), "ChildrenAsleep follows ProcessorSleep");
        r(3, GICR_WAKER, WAKER_PROCESSOR_SLEEP);
        assertEquals(WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP, r(3, GICR_WAKER));
    }

    @Test
    void sgiByAffinityReachesCpusInOtherClusters() {
        enable(0, 2, 17, 18, 19);
        // From cpu0: SGI 3 to Aff1=1, Aff0 1 and 3 (cpus 17 and 19).
        icc(0, Reg.SGI1R, sgi1r(3, 1, 0b1010));
        assertTrue(gic.state().irqLine(17));
        assertTrue(gic.state().irqLine(19));
        assertFalse(gic.state().irqLine(18));
        assertFalse(gic.state().irqLine(1), "cpu1 is Aff1 0: not named");
        assertEquals(3, icc(17, Reg.HPPIR1));
        assertEquals(3, icc(17, Reg.IAR1), "no source CPU field in GICv3");
        assertFalse(gic.state().irqLine(17));
        assertEquals(1 << 3, r(17, SGI_BASE + GICD_ISACTIVER));
        icc(17, Reg.EOIR1, 3);
        assertEquals(0, r(17, SGI_BASE + GICD_ISACTIVER));
        assertEquals(GicState.SPURIOUS, icc(17, Reg.IAR1));
    }

    @Test
    void sgiIrmTargetsEveryoneButSelf() {
        int[] all = new int[CPUS];
        for (int i = 0; i < CPUS; i++) {
            all[i] = i;
        }
        enable(all);
        icc(5, Reg.SGI1R, (1L << 40) | sgi1r(1, 0, 0));
        for (int c = 0; c < CPUS; c++) {
            assertEquals(c != 5, gic.state().irqLine(c), "cpu" + c);
        }
    }

    @Test
    void disabledSgiStaysPendingUntilEnabled() {
        enable(2);
        r(2, SGI_BASE + GICD_ICENABLER, 1 << 7);
        icc(0, Reg.SGI1R, sgi1r(7, 0, 1 << 2));
        assertFalse(gic.state().irqLine(2));
        assertEquals(1 << 7, r(2, SGI_BASE + GICD_ISPENDR) & 0xFFFF);
        r(2, SGI_BASE + GICD_ISENABLER, 1 << 7);
        assertTrue(gic.state().irqLine(2));
        r(2, SGI_BASE + GICD_ICPENDR, 1 << 7);
        assertFalse(gic.state().irqLine(2), "GICR_ICPENDR0 clears an SGI");
        r(2, SGI_BASE + GICD_ISPENDR, 1 << 7);
        assertEquals(7, icc(2, Reg.IAR1), "GICR_ISPENDR0 sets one");
    }

    @Test
    void ppiThroughTheRedistributor() {
        enable(4);
        gic.state().setPpiLevel(4, 27, true);
        assertFalse(gic.state().irqLine(4), "PPI 27 not enabled yet");
        r(4, SGI_BASE + GICD_ISENABLER, 1 << 27);
        r(4, SGI_BASE + GICD_IPRIORITYR + 27, 0xA0);
        gic.redistributors().write(4L * FRAME_PAIR + SGI_BASE + GICD_IPRIORITYR + 27, 1, 0xA0);
        assertEquals(0xA0L << 24, r(4, SGI_BASE + GICD_IPRIORITYR + 24));
        assertTrue(gic.state().irqLine(4));
        assertFalse(gic.state().irqLine(3), "private to cpu4");
        assertEquals(27, icc(4, Reg.IAR1));
        assertEquals(0xA0, icc(4, Reg.RPR));
        gic.state().setPpiLevel(4, 27, false);
        icc(4, Reg.EOIR1, 27);
        assertEquals(0xFF, icc(4, Reg.RPR), "idle");
        assertEquals(0, r(4, SGI_BASE + GICD_ICFGR + 4) & (2L << 22), "PPI 27 level-sensitive");
        assertEquals(0xAAAA_AAAAL, r(4, SGI_BASE + GICD_ICFGR), "SGIs edge-triggered");
    }

    @Test
    void spiRoutedByIrouter() {
        enable(0, 18);
        int id = 33;
        d(GICD_ISENABLER + 4, 1 << (id - 32));
        gic.distributor().write(GICD_IPRIORITYR + id, 1, 0x80);
        gic.distributor().write(GICD_IROUTER + 8 * id, 8, 0x0102); // Aff1 1, Aff0 2 = cpu18
        assertEquals(0x0102, gic.distributor().read(GICD_IROUTER + 8 * id, 8));
        gic.state().setSpiLevel(1, true);
        assertTrue(gic.state().irqLine(18));
        assertFalse(gic.state().irqLine(0));
        assertEquals(1 << 1, d(GICD_ISPENDR + 4) & 2);
        assertEquals(id, icc(18, Reg.IAR1));
        gic.state().setSpiLevel(1, false);
        icc(18, Reg.EOIR1, id);
        // 1 of N: any PE may take it.
        gic.distributor().write(GICD_IROUTER + 8 * id, 4, IROUTER_IRM);
        gic.state().setSpiLevel(1, true);
        assertTrue(gic.state().irqLine(0));
        assertTrue(gic.state().irqLine(18));
        assertEquals(id, icc(0, Reg.IAR1));
        assertFalse(gic.state().irqLine(18), "taken by cpu0");
        // No PE with that affinity: stays pending, nobody signalled.
        icc(0, Reg.EOIR1, id);
        gic.distributor().write(GICD_IROUTER + 8 * id, 8, 0x0300);
        assertFalse(gic.state().irqLine(0));
        assertFalse(gic.state().irqLine(18));
        assertEquals(0, d(GICD_ISENABLER), "INTID 0..31 are RES0 in the distributor with ARE");
        assertEquals(0xFFFF_FFFFL, d(GICD_IGROUPR + 4), "all Group 1");
    }

    @Test
    void priorityMaskPreemptionAndRunningPriority() {
        enable(1);
        r(1, SGI_BASE + GICD_IPRIORITYR, 0x80L | (0x40L << 8)); // SGI0 0x80, SGI1 0x40
        icc(1, Reg.PMR, 0x80);
        icc(0, Reg.SGI1R, sgi1r(0, 0, 1 << 1));
        assertFalse(gic.state().irqLine(1), "priority 0x80 not below PMR 0x80");
        assertEquals(GicState.SPURIOUS, icc(1, Reg.IAR1));
        icc(1, Reg.PMR, 0xF0);
        assertEquals(0, icc(1, Reg.IAR1));
        assertEquals(0x80, icc(1, Reg.RPR));
        assertEquals(1, icc(1, Reg.AP1R2), "priority 0x80 = preemption level 64: AP1R2 bit 0");
        assertEquals(0, icc(1, Reg.AP1R0));
        icc(0, Reg.SGI1R, sgi1r(1, 0, 1 << 1));
        assertTrue(gic.state().irqLine(1), "0x40 preempts running 0x80");
        assertEquals(1, icc(1, Reg.IAR1));
        assertEquals(0x40, icc(1, Reg.RPR));
        icc(0, Reg.SGI1R, sgi1r(2, 0, 1 << 1)); // priority 0: but BPR1 decides nothing here, it preempts
        r(1, SGI_BASE + GICD_IPRIORITYR, 0x80L | (0x40L << 8) | (0x41L << 16));
        assertFalse(gic.state().irqLine(1), "0x41 does not preempt 0x40 (same group priority with BPR1 = 1)");
        icc(1, Reg.EOIR1, 1);
        assertTrue(gic.state().irqLine(1), "after the drop 0x41 preempts 0x80");
        icc(1, Reg.EOIR1, 0);
        assertEquals(2, icc(1, Reg.IAR1));
        icc(1, Reg.EOIR1, 2);
        assertEquals(0xFF, icc(1, Reg.RPR));
    }

    @Test
    void binaryPointGroupsPriorities() {
        enable(1);
        assertEquals(1, icc(1, Reg.BPR1), "minimum Group 1 binary point");
        icc(1, Reg.BPR1, 0);
        assertEquals(1, icc(1, Reg.BPR1), "below the minimum reads the minimum");
        icc(1, Reg.BPR1, 5); // group priority bits [7:5]
        r(1, SGI_BASE + GICD_IPRIORITYR, 0x80L | (0x60L << 8) | (0x40L << 16));
        icc(0, Reg.SGI1R, sgi1r(0, 0, 1 << 1));
        assertEquals(0, icc(1, Reg.IAR1));
        icc(0, Reg.SGI1R, sgi1r(1, 0, 1 << 1));
        assertTrue(gic.state().irqLine(1), "0x60 preempts 0x80 (group 0x60 < 0x80)");
        r(1, SGI_BASE + GICD_IPRIORITYR, 0x80L | (0x90L << 8) | (0x40L << 16));
        icc(1, Reg.BPR1, 7); // only bit 7 is group priority: 0x80..0xFF one group
        r(1, SGI_BASE + GICD_IPRIORITYR, 0x80L | (0x81L << 8));
        assertFalse(gic.state().irqLine(1), "same group priority, no preemption");
    }

    @Test
    void eoiModeSplitsDropAndDeactivate() {
        enable(6);
        icc(6, Reg.CTLR, 2);
        assertEquals(2, icc(6, Reg.CTLR) & 3);
        icc(0, Reg.SGI1R, sgi1r(9, 0, 1 << 6));
        assertEquals(9, icc(6, Reg.IAR1));
        icc(6, Reg.EOIR1, 9);
        assertEquals(0xFF, icc(6, Reg.RPR), "priority dropped");
        assertEquals(1 << 9, r(6, SGI_BASE + GICD_ISACTIVER), "still active");
        icc(0, Reg.SGI1R, sgi1r(9, 0, 1 << 6));
        assertFalse(gic.state().irqLine(6), "an active interrupt is not signalled again");
        icc(6, Reg.DIR, 9);
        assertEquals(0, r(6, SGI_BASE + GICD_ISACTIVER) & (1 << 9));
        assertTrue(gic.state().irqLine(6), "pending again after the deactivation");
    }

    @Test
    void groupEnablesGateDelivery() {
        enable(1);
        icc(1, Reg.IGRPEN1, 0);
        icc(0, Reg.SGI1R, sgi1r(4, 0, 1 << 1));
        assertFalse(gic.state().irqLine(1), "ICC_IGRPEN1_EL1 off");
        assertEquals(4, icc(1, Reg.HPPIR1), "but it is the highest pending");
        icc(1, Reg.IGRPEN1, 1);
        assertTrue(gic.state().irqLine(1));
        d(GICD_CTLR, 0);
        assertFalse(gic.state().irqLine(1), "GICD_CTLR.EnableGrp1 off");
        assertEquals(GicState.SPURIOUS, icc(1, Reg.IAR0), "no Group 0");
        icc(1, Reg.IGRPEN0, 1);
        assertEquals(0, icc(1, Reg.IGRPEN0), "IGRPEN0 RAZ/WI");
    }

    @Test
    void resetReturnsToArchitecturalState() {
        enable(0, 1);
        icc(0, Reg.SGI1R, sgi1r(2, 0, 1 << 1));
        gic.reset();
        assertFalse(gic.state().irqLine(1));
        assertEquals(WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP, r(1, GICR_WAKER));
        assertEquals(0, r(1, SGI_BASE + GICD_ISENABLER), "SGIs disabled at reset on GICv3");
        assertEquals(0, icc(1, Reg.IGRPEN1));
    }

    @Test
    void badAccessesAreIgnored() {
        gic.distributor().write(GICD_CTLR, 2, 0xFFFF);
        assertEquals(CTLR_ARE | CTLR_DS, d(GICD_CTLR));
        assertEquals(0, gic.redistributors().read(GICR_WAKER, 8));
        assertEquals(0, gic.distributor().read(GICD_IROUTER + 8 * 32 + 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Gicv3(mpidrs(65), 288, new ReentrantLock()));
    }
}
