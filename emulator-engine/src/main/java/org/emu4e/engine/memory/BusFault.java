package org.emu4e.engine.memory;

/** Thrown by {@link PhysicalBus} for an access to an address where nothing is mapped. */
public final class BusFault extends RuntimeException {
    private final long address;

    public BusFault(long address) {
        super(null, null, false, false);
        this.address = address;
    }

    public long address() {
        return address;
    }

    @Override
    public String getMessage() {
        return "no device or memory at physical address 0x" + Long.toHexString(address);
    }
}
