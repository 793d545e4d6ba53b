package org.emu4e.engine.cpu.a64.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.gdbstub.Hex;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class A64RegistersTest {
    private final CpuRig rig = new CpuRig();

    @Test
    void gBlockRoundTripsEveryCoreAndFpRegister() {
        CpuState s = rig.s();
        for (int i = 0; i < 31; i++) {
            s.x[i] = 0x1111_0000_0000_0000L * (i % 15) + i;
        }
        for (int i = 0; i < 32; i++) {
            s.vlo[i] = 0xA000 + i;
            s.vhi[i] = 0xB000_0000_0000_0000L + i;
        }
        s.sp[1] = 0x4008_0000L;
        s.pc = 0x4010_0004L;
        s.nzcv = 0b1010;
        s.fpsr = 0x0800_0010;
        s.fpcr = 0x0300_0000;
        byte[] g = A64Registers.readAll(rig.cpu());
        assertEquals(788, g.length);
        assertEquals(0x4008_0000L, Hex.fromLe(g, 31 * 8, 8));
        assertEquals(0x4010_0004L, Hex.fromLe(g, 32 * 8, 8));
        // cpsr: N and C set, DAIF masked (reset), EL1h
        assertEquals(0xA000_03C5L, Hex.fromLe(g, 33 * 8, 4));

        CpuRig other = new CpuRig();
        assertTrue(A64Registers.writeAll(other.cpu(), g));
        assertArrayEquals(g, A64Registers.readAll(other.cpu()));
        assertEquals(s.x[17], other.s().x[17]);
        assertEquals(s.vhi[31], other.s().vhi[31]);
        assertFalse(A64Registers.writeAll(other.cpu(), new byte[10]));
    }

    @Test
    void singleRegistersAndSizes() {
        assertEquals(8, A64Registers.size(0));
        assertEquals(4, A64Registers.size(A64Registers.CPSR));
        assertEquals(16, A64Registers.size(A64Registers.V0 + 5));
        assertEquals(0, A64Registers.size(A64Registers.COUNT));
        assertNull(A64Registers.read(rig.cpu(), A64Registers.COUNT));
        assertNull(A64Registers.read(rig.cpu(), -1));
        assertTrue(A64Registers.write(rig.cpu(), 3, Hex.le(0x1234, 8)));
        assertEquals(0x1234, rig.s().x[3]);
        assertFalse(A64Registers.write(rig.cpu(), 3, Hex.le(0x1234, 4)));
        // cpsr write: EL2 is not implemented on this rig, so EL stays 1; flags are taken
        assertTrue(A64Registers.write(rig.cpu(), A64Registers.CPSR, Hex.le(0x6000_0009L, 4)));
        assertEquals(0b0110, rig.s().nzcv);
        assertEquals(1, rig.s().el);
        assertEquals(1, rig.s().spsel);
        assertEquals(0, rig.s().daif);
    }

    @Test
    void systemRegistersByName() {
        rig.cpu().sys().esr[1] = 0x9600_0045L;
        int esr = regnum("ESR_EL1");
        assertEquals(0x9600_0045L, Hex.fromLe(A64Registers.read(rig.cpu(), esr), 0, 8));
        assertEquals(4L, Hex.fromLe(A64Registers.read(rig.cpu(), regnum("CurrentEL")), 0, 8));
        assertFalse(A64Registers.write(rig.cpu(), regnum("MPIDR_EL1"), Hex.le(1, 8)));
        assertTrue(A64Registers.write(rig.cpu(), regnum("VBAR_EL1"), Hex.le(0x4000_0800L, 8)));
        assertEquals(0x4000_0800L, rig.cpu().sys().vbar[1]);
    }

    private static int regnum(String name) {
        for (int i = 0; i < A64SysRegs.ROWS.size(); i++) {
            if (A64SysRegs.ROWS.get(i).name().equals(name)) {
                return A64Registers.SYS0 + i;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void targetXmlIsWellFormedAndNumbersMatchTheLayout() throws Exception {
        String xml = A64TargetXml.targetXml();
        var dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList regs = doc.getElementsByTagName("reg");
        Map<String, Element> byName = new HashMap<>();
        int bytes = 0;
        for (int i = 0; i < regs.getLength(); i++) {
            Element e = (Element) regs.item(i);
            byName.put(e.getAttribute("name"), e);
            int n = Integer.parseInt(e.getAttribute("regnum"));
            assertEquals(i, n, "regnums are dense");
            assertEquals(A64Registers.size(n) * 8, Integer.parseInt(e.getAttribute("bitsize")), e.getAttribute("name"));
            if (n <= A64Registers.FPCR) {
                bytes += A64Registers.size(n);
            }
        }
        assertEquals(A64Registers.G_SIZE, bytes);
        assertEquals(A64Registers.COUNT, regs.getLength());
        for (String r : new String[] {"x0", "x30", "sp", "pc", "cpsr", "v0", "v31", "fpsr", "fpcr", "ESR_EL1",
                "FAR_EL1", "ELR_EL1", "SPSR_EL1", "SCTLR_EL1", "TCR_EL1", "TTBR0_EL1", "TTBR1_EL1", "MAIR_EL1",
                "VBAR_EL1", "CurrentEL", "DAIF", "SP_EL0", "SP_EL1", "MPIDR_EL1"}) {
            assertTrue(byName.containsKey(r), r);
        }
        assertEquals("32", byName.get("pc").getAttribute("regnum"));
        NodeList features = doc.getElementsByTagName("feature");
        assertEquals("org.gnu.gdb.aarch64.core", ((Element) features.item(0)).getAttribute("name"));
        assertEquals("org.gnu.gdb.aarch64.fpu", ((Element) features.item(1)).getAttribute("name"));
        assertEquals("org.emu4e.aarch64.sys", ((Element) features.item(2)).getAttribute("name"));
    }

    @Test
    void debugMemoryReadsRamRefusesUnmapped() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        rig.cpu().bus().load(CpuRig.DATA, data);
        byte[] buf = new byte[8];
        assertEquals(8, A64GdbArch.access(rig.cpu(), CpuRig.DATA, buf, false, false));
        assertArrayEquals(data, buf);
        long end = CpuRig.RAM_BASE + CpuRig.RAM_SIZE;
        assertEquals(4, A64GdbArch.access(rig.cpu(), end - 4, buf, false, false), "partial read up to the end of RAM");
        assertEquals(0, A64GdbArch.access(rig.cpu(), 0x10, buf, false, false));
        byte[] w = {9, 9};
        assertEquals(2, A64GdbArch.access(rig.cpu(), CpuRig.DATA + 1, w, false, true));
        assertEquals(9, rig.cpu().bus().read(CpuRig.DATA + 2, 1));
    }
}
