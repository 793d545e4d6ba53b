package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicCpuInterface.*;
import static org.emu4e.engine.devices.gic.GicDistributor.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Register-level tests of the GICv2 model (IHI 0048B), no CPU involved. */
class GicTest {
    private Gic gic;
    private final List<String> kicks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        gic = new Gic(4, 288);
        gic.state().setOutput((cpu, level) -> kicks.add("cpu" + cpu + "=" + level));
    }

    private long d(int cpu, int off) { return gic.distributor(cpu).read(off, 4); }

    private void d(int cpu, int off, long v) { gic.distributor(cpu).write(off, 4, v); }

    private long c(int cpu, int off) { return gic.cpuInterface(cpu).read(off, 4); }

    private void c(int cpu, int off, long v) { gic.cpuInterface(cpu).write(off, 4, v); }

    private void enableAll() {
        d(0, GICD_CTLR, 1);
        for (int cpu = 0; cpu < 4; cpu++) {
            c(cpu, GICC_CTLR, 1);
            c(cpu, GICC_PMR, 0xF0);
        }
    }

    @Test
    void typerReportsCpusAndLines() {
        assertEquals((3 << 5) | 8, d(0, GICD_TYPER));
        assertEquals(0x2B, d(0, GICD_PIDR2) & 0xFF);
        assertEquals(0x0202_043BL, c(0, GICC_IIDR));
    }

    @Test
    void sgiWithTargetListReachesOnlyTargets() {
        enableAll();
        d(0, GICD_SGIR, (0b0110 << 16) | 5); // cpus 1 and 2, SGI 5
        assertTrue(gic.state().irqLine(1));
        assertTrue(gic.state().irqLine(2));
        assertFalse(gic.state().irqLine(0));
        assertFalse(gic.state().irqLine(3));
        assertEquals(List.of("cpu1=true", "cpu2=true"), kicks);
        long iar = c(1, GICC_IAR);
        assertEquals(5 | (0 << 10), iar, "SGI 5 from cpu0");
        assertFalse(gic.state().irqLine(1), "acknowledged: no longer pending");
        assertEquals(1 << 5, d(1, GICD_ISACTIVER) & 0xFFFF);
        c(1, GICC_EOIR, iar);
        assertEquals(0, d(1, GICD_ISACTIVER));
    }

    @Test
    void sgiFiltersAllButSelfAndSelf() {
        enableAll();
        d(2, GICD_SGIR, (1 << 24) | 3);
        assertTrue(gic.state().irqLine(0));
        assertTrue(gic.state().irqLine(1));
        assertFalse(gic.state().irqLine(2));
        assertTrue(gic.state().irqLine(3));
        assertEquals(3 | (2 << 10), c(3, GICC_IAR), "source cpu2 in bits [12:10]");
        d(2, GICD_SGIR, (2 << 24) | 7);
        assertEquals(7 | (2 << 10), c(2, GICC_HPPIR));
        assertEquals(7 | (2 << 10), c(2, GICC_IAR));
    }

    @Test
    void sgiFromTwoSourcesIsDeliveredTwice() {
        enableAll();
        d(1, GICD_SGIR, (1 << 16) | 2);
        d(3, GICD_SGIR, (1 << 16) | 2);
        assertEquals(0b1010, gic.distributor(0).read(GICD_SPENDSGIR + 2, 1));
        long first = c(0, GICC_IAR);
        assertEquals(2 | (1 << 10), first);
        assertEquals(SPURIOUS_ID, c(0, GICC_IAR), "same SGI active: second source waits");
        c(0, GICC_EOIR, first);
        assertEquals(2 | (3 << 10), c(0, GICC_IAR));
    }

    private static final int SPURIOUS_ID = GicState.SPURIOUS;

    @Test
    void levelSpiFollowsLineAndTargets() {
        enableAll();
        int id = 33; // SPI 1
        d(0, GICD_ISENABLER + 4, 1L << 1);
        gic.distributor(0).write(GICD_ITARGETSR + id, 1, 0b0100);
        gic.distributor(0).write(GICD_IPRIORITYR + id, 1, 0xA0);
        gic.state().setSpiLevel(1, true);
        assertTrue(gic.state().irqLine(2));
        assertFalse(gic.state().irqLine(0));
        assertEquals(id, c(2, GICC_IAR));
        assertEquals(0xA0, c(2, GICC_RPR));
        assertEquals(SPURIOUS_ID, c(2, GICC_IAR), "active and still pending: not signalled again");
        assertEquals(1L << 1, d(0, GICD_ISPENDR + 4), "level still high: pending");
        gic.state().setSpiLevel(1, false);
        assertEquals(0, d(0, GICD_ISPENDR + 4));
        c(2, GICC_EOIR, id);
        assertEquals(0xFF, c(2, GICC_RPR), "idle");
    }

    @Test
    void edgeSpiLatchesPending() {
        enableAll();
        d(0, GICD_ICFGR + 8, 2L << 2); // INTID 33 edge
        assertEquals(2L << 2, d(0, GICD_ICFGR + 8));
        d(0, GICD_ISENABLER + 4, 1L << 1);
        gic.distributor(0).write(GICD_ITARGETSR + 33, 1, 1);
        gic.state().setSpiLevel(1, true);
        gic.state().setSpiLevel(1, false);
        assertTrue(gic.state().irqLine(0), "edge latched");
        assertEquals(33, c(0, GICC_IAR));
        assertFalse(gic.state().irqLine(0));
        assertEquals(SPURIOUS_ID, c(0, GICC_IAR));
    }

    @Test
    void ppiIsBankedPerCpu() {
        enableAll();
        d(1, GICD_ISENABLER, 1L << 30);
        assertEquals(0xFFFFL | (1L << 30), d(1, GICD_ISENABLER), "SGIs always enabled");
        assertEquals(0xFFFFL, d(0, GICD_ISENABLER), "cpu0's bank unchanged");
        gic.state().setPpiLevel(0, 30, true);
        assertFalse(gic.state().irqLine(0), "cpu0 has PPI 30 disabled");
        gic.state().setPpiLevel(1, 30, true);
        assertTrue(gic.state().irqLine(1));
        assertEquals(30, c(1, GICC_IAR));
        assertEquals(0b0010, gic.distributor(1).read(GICD_ITARGETSR + 30, 1), "reads own CPU bit");
    }

    @Test
    void priorityMaskAndPreemption() {
        enableAll();
        d(0, GICD_ISENABLER + 4, 0b110); // SPIs 1, 2 (INTID 33, 34)
        gic.distributor(0).write(GICD_ITARGETSR + 33, 1, 1);
        gic.distributor(0).write(GICD_ITARGETSR + 34, 1, 1);
        gic.distributor(0).write(GICD_IPRIORITYR + 33, 1, 0x80);
        gic.distributor(0).write(GICD_IPRIORITYR + 34, 1, 0x40);
        c(0, GICC_PMR, 0x80);
        gic.state().setSpiLevel(1, true);
        assertFalse(gic.state().irqLine(0), "0x80 is not below PMR 0x80");
        c(0, GICC_PMR, 0xF0);
        assertTrue(gic.state().irqLine(0));
        assertEquals(33, c(0, GICC_IAR));
        gic.state().setSpiLevel(2, true);
        assertTrue(gic.state().irqLine(0), "0x40 preempts running 0x80");
        assertEquals(34, c(0, GICC_HPPIR));
        c(0, GICC_BPR, 7); // no preemption at all with BPR 7 (group priority field empty)
        assertFalse(gic.state().irqLine(0));
        c(0, GICC_BPR, 2);
        assertEquals(34, c(0, GICC_IAR));
        assertEquals(0x40, c(0, GICC_RPR));
        c(0, GICC_EOIR, 34);
        assertEquals(0x80, c(0, GICC_RPR));
        c(0, GICC_EOIR, 33);
        assertEquals(0xFF, c(0, GICC_RPR));
    }

    @Test
    void eoiModeSplitsDropAndDeactivate() {
        enableAll();
        c(0, GICC_CTLR, 1 | (1 << 9));
        d(0, GICD_SGIR, (2 << 24) | 1);
        assertEquals(1, c(0, GICC_IAR));
        c(0, GICC_EOIR, 1);
        assertEquals(0xFF, c(0, GICC_RPR), "priority dropped");
        assertEquals(0b10, d(0, GICD_ISACTIVER) & 0xF, "still active");
        c(0, GICC_DIR, 1);
        assertEquals(0, d(0, GICD_ISACTIVER));
    }

    @Test
    void disabledDistributorOrInterfaceSignalsNothing() {
        d(0, GICD_SGIR, (2 << 24) | 1);
        assertFalse(gic.state().irqLine(0));
        assertEquals(SPURIOUS_ID, c(0, GICC_IAR));
        d(0, GICD_CTLR, 1);
        assertFalse(gic.state().irqLine(0), "CPU interface still disabled");
        c(0, GICC_CTLR, 1);
        c(0, GICC_PMR, 0xFF);
        assertTrue(gic.state().irqLine(0));
    }

    @Test
    void setClearPendingAndActiveRegisters() {
        enableAll();
        d(0, GICD_ISENABLER + 4, 1);
        gic.distributor(0).write(GICD_ITARGETSR + 32, 1, 1);
        d(0, GICD_ISPENDR + 4, 1);
        assertTrue(gic.state().irqLine(0));
        d(0, GICD_ICPENDR + 4, 1);
        assertFalse(gic.state().irqLine(0));
        d(0, GICD_ISACTIVER + 4, 1);
        assertEquals(1, d(0, GICD_ISACTIVER + 4));
        d(0, GICD_ICACTIVER + 4, 1);
        assertEquals(0, d(0, GICD_ICACTIVER + 4));
        d(0, GICD_ICENABLER + 4, 1);
        assertEquals(0, d(0, GICD_ISENABLER + 4));
    }

    @Test
    void badAccessesAreHarmless() {
        assertEquals(0, gic.distributor(0).read(GICD_CTLR, 2));
        gic.distributor(0).write(GICD_CTLR, 8, 1);
        assertEquals(0, d(0, GICD_CTLR));
        assertEquals(0, c(0, GICC_EOIR));
        c(0, GICC_EOIR, 40); // EOI of an inactive interrupt: logged, ignored
        d(0, GICD_SGIR, (3 << 24) | 1); // reserved filter
        assertEquals(0, d(0, 0x7000));
        assertEquals(0, d(0, GICD_IGROUPR));
        assertThrows(IllegalArgumentException.class, () -> gic.state().setSpiLevel(256, true));
    }

    @Test
    void priorityBytesAndWords() {
        gic.distributor(0).write(GICD_IPRIORITYR + 32, 4, 0x40302010L);
        assertEquals(0x30, gic.distributor(0).read(GICD_IPRIORITYR + 34, 1));
        assertEquals(0x40302010L, d(0, GICD_IPRIORITYR + 32));
        gic.distributor(0).write(GICD_ITARGETSR + 40, 4, 0xFF0F0201L);
        assertEquals(0x0F0F0201L, d(0, GICD_ITARGETSR + 40), "only 4 CPUs");
    }
}
