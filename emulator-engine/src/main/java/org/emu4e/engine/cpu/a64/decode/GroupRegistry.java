package org.emu4e.engine.cpu.a64.decode;

import java.util.List;
import java.util.function.Consumer;

/**
 * The list of encoding groups, in the order their rows are tried. Each group lives in its
 * own package under {@code cpu.a64.insn} and adds a {@link DecodeTable}.
 */
final class GroupRegistry {
    private GroupRegistry() { }

    static void registerAll(List<Consumer<List<DecodeTable>>> groups) {
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.system.SystemGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.branch.BranchGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.dpimm.DpImmediateGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.dpreg.DpRegisterGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.ldst.LoadStoreGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.simdldst.SimdLoadStoreGroup.table()));
        groups.add(t -> t.add(org.emu4e.engine.cpu.a64.insn.simd.SimdFpGroup.table()));
    }
}
