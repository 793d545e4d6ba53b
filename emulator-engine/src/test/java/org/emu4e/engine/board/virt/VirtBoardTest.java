package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emu4e.engine.board.fdt.Dtc;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.GenericTimerAccess.Reg;
import org.emu4e.engine.devices.gic.GicCpuInterface;
import org.emu4e.engine.devices.gic.GicDistributor;
import org.emu4e.engine.devices.pmu.PmuController;
import org.emu4e.engine.loader.LoadException;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring of the virt board, driven through the buses and environments as a runtime would. */
class VirtBoardTest {
    private static final long GICD = 0x0800_0000L;
    private static final long GICC = 0x0801_0000L;

    private static Path kernel(Path dir) throws Exception {
        Path k = dir.resolve("k.elf");
        Files.write(k, org.emu4e.engine.loader.ElfLoaderTest.elfForBoard(0x4008_0000L));
        return k;
    }

    @Test
    void bootStateOfCpus(@TempDir Path tmp) throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withCpus(2).withKernel(kernel(tmp)).withAppend("hello"));
        RecordingServices svc = new RecordingServices(2);
        A64Cpu c0 = new A64Cpu(b.environment(0, svc));
        A64Cpu c1 = new A64Cpu(b.environment(1, svc));
        b.resetCpu(0, c0);
        b.resetCpu(1, c1);
        assertEquals(0x4008_0000L, c0.state().pc);
        assertEquals(1, c0.state().el);
        assertEquals(0x4000_0000L, c0.state().x[0], "ELF leaves room: dtb at the start of RAM");
        assertEquals(b.deviceTreeAddress(), c0.state().x[0]);
        assertEquals(0xD00DFEEDL, Integer.reverseBytes((int) b.bus().read(0x4000_0000L, 4)) & 0xFFFF_FFFFL);
        assertTrue(b.startsPoweredOn(0));
        assertFalse(b.startsPoweredOn(1));
        assertEquals(0x8000_0001L, b.mpidr(1));
        assertEquals(0x8000_0001L, c1.sys().mpidr);
        assertTrue(Dtc.node(Dtc.decompile(b.deviceTreeBlob()), "chosen").contains("bootargs = \"hello\";"));
        b.close();
    }

    @Test
    void eachCpuSeesItsBankedGic() throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withCpus(4));
        RecordingServices svc = new RecordingServices(4);
        CpuEnvironment[] env = new CpuEnvironment[4];
        for (int i = 0; i < 4; i++) {
            env[i] = b.environment(i, svc);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(1L << i, env[i].bus().read(GICD + GicDistributor.GICD_ITARGETSR, 1));
        }
        PhysicalBus bus0 = env[0].bus();
        bus0.write(GICD, 4, 1);
        for (int i = 0; i < 4; i++) {
            env[i].bus().write(GICC + GicCpuInterface.GICC_CTLR, 4, 1);
            env[i].bus().write(GICC + GicCpuInterface.GICC_PMR, 4, 0xF0);
        }
        bus0.write(GICD + GicDistributor.GICD_SGIR, 4, (0b1000 << 16) | 1);
        assertTrue(env[3].irqAsserted());
        assertFalse(env[0].irqAsserted());
        assertTrue(svc.calls.contains("kick 3"));
        assertEquals(1, env[3].bus().read(GICC + GicCpuInterface.GICC_IAR, 4));
        assertFalse(env[3].irqAsserted());
    }

    @Test
    void uartTimerAndPmuAreWired() throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withCpus(2));
        RecordingServices svc = new RecordingServices(2);
        CpuEnvironment e0 = b.environment(0, svc);
        CpuEnvironment e1 = b.environment(1, svc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.console().addOutputListener(out::writeBytes);
        e1.bus().write(0x0900_0000L, 4, 'A');
        assertEquals("A", out.toString());

        // UART RX interrupt reaches the GIC as SPI 1 (INTID 33), targeted at cpu1.
        e0.bus().write(GICD, 4, 1);
        e0.bus().write(GICD + GicDistributor.GICD_ISENABLER + 4, 4, 1 << 1);
        e0.bus().write(GICD + GicDistributor.GICD_ITARGETSR + 33, 1, 0b10);
        e1.bus().write(GICC, 4, 1);
        e1.bus().write(GICC + GicCpuInterface.GICC_PMR, 4, 0xFF);
        e1.bus().write(0x0900_0038L, 4, 1 << 4); // UARTIMSC.RXIM
        b.console().input(new byte[] {'z'});
        assertTrue(e1.irqAsserted());
        assertEquals(33, e1.bus().read(GICC + GicCpuInterface.GICC_IAR, 4));
        assertEquals('z', e1.bus().read(0x0900_0000L, 4));
        e1.bus().write(GICC + GicCpuInterface.GICC_EOIR, 4, 33);
        assertFalse(e1.irqAsserted());

        // Virtual timer of cpu0, already expired: PPI 27 on cpu0 only.
        e0.bus().write(GICD + GicDistributor.GICD_ISENABLER, 4, 1 << 27);
        e0.bus().write(GICC, 4, 1);
        e0.bus().write(GICC + GicCpuInterface.GICC_PMR, 4, 0xFF);
        e0.timer().write(Reg.CNTV_CVAL, 0);
        e0.timer().write(Reg.CNTV_CTL, 1);
        assertTrue(e0.irqAsserted());
        assertFalse(e1.irqAsserted());
        assertEquals(27, e0.bus().read(GICC + GicCpuInterface.GICC_IAR, 4));

        // PMU halt lines go to the runtime.
        e0.bus().write(0x090C_0000L + PmuController.HALT_SET, 4, 0b10);
        assertTrue(svc.calls.contains("halt 1 true"));
        assertEquals(0b10, e0.bus().read(0x090C_0000L + PmuController.HALT_LINES, 4));
        assertEquals(0x45504D55L, e0.bus().read(0x090C_0000L, 4));
        b.close();
    }

    @Test
    void userDtbGetsChosenPatched(@TempDir Path tmp) throws Exception {
        Path user = tmp.resolve("user.dtb");
        VirtBoard gen = new VirtBoard(VirtConfig.defaults().withCpus(2));
        Files.write(user, gen.deviceTreeBlob());
        Path initrd = tmp.resolve("initrd");
        Files.write(initrd, new byte[100]);
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withDtb(user).withAppend("root=/dev/ram").withInitrd(initrd));
        String chosen = Dtc.node(Dtc.decompile(b.deviceTreeBlob()), "chosen");
        assertTrue(chosen.contains("bootargs = \"root=/dev/ram\";"), chosen);
        assertTrue(chosen.contains("linux,initrd-start = <0x00 0x44000000>;"), chosen);
        assertTrue(chosen.contains("stdout-path"), "user's properties kept");
        Path junk = tmp.resolve("junk.dtb");
        Files.write(junk, new byte[64]);
        assertTrue(assertThrows(LoadException.class, () -> new VirtBoard(VirtConfig.defaults().withDtb(junk)))
                .getMessage().contains("junk.dtb"));
    }

    @Test
    void userDtbHasQemusFreeSpace(@TempDir Path tmp) throws Exception {
        // QEMU 7.2 (load_device_tree) opens a -dtb file into a buffer of (file size + 10000) * 2
        // bytes and loads it with that totalsize; firmware that copies the tree (U-Boot reserves
        // fdt_totalsize below itself) then lays out memory the same way on both emulators.
        Path user = tmp.resolve("user.dtb");
        byte[] file = new VirtBoard(VirtConfig.defaults()).deviceTreeBlob();
        Files.write(user, file);
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withDtb(user));
        byte[] loaded = b.deviceTreeBlob();
        int total = (file.length + 10000) * 2;
        assertEquals(total, loaded.length);
        assertEquals(total, java.nio.ByteBuffer.wrap(loaded).getInt(4), "header totalsize");
        assertEquals(Dtc.decompile(file), Dtc.decompile(loaded), "same tree, only free space added");
        assertEquals(total, Integer.reverseBytes((int) b.bus().read(b.deviceTreeAddress() + 4, 4)),
                "big-endian totalsize as loaded in RAM");
        b.close();
    }

    @Test
    void unmappedAndResetAndErrors(@TempDir Path tmp) throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withKernel(kernel(tmp)));
        assertThrows(BusFault.class, () -> b.bus().read(0x0A00_0000L, 4), "virtio-mmio not modelled");
        b.bus().write(0x4008_0000L, 4, 0);
        b.resetDevices();
        assertNotEquals(0, b.bus().read(0x4008_0000L, 4), "system reset reloads the kernel");
        Path bad = tmp.resolve("bad.elf");
        Files.write(bad, new byte[] {0x7F, 'E', 'L', 'F', 1});
        assertThrows(LoadException.class, () -> new VirtBoard(VirtConfig.defaults().withKernel(bad)));
        assertThrows(IllegalArgumentException.class, () -> VirtConfig.defaults().withCpus(9));
    }
}
