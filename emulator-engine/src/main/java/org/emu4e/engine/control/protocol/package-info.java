/**
 * The control protocol's definition: LSP4J service interfaces grouped by {@code @JsonSegment}
 * ({@link org.emu4e.engine.control.protocol.ControlService} for requests,
 * {@link org.emu4e.engine.control.protocol.ControlClient} for notifications), their params and
 * result records, error codes and the method catalogue. Depends only on the JDK and LSP4J.
 * Reference: emulator-engine/docs/control-protocol.md.
 */
package org.emu4e.engine.control.protocol;
