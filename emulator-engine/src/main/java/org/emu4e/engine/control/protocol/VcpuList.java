package org.emu4e.engine.control.protocol;

/** Result of {@code vcpu/list}. */
public record VcpuList(java.util.List<VcpuInfo> vcpus) {
}
