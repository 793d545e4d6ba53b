package org.emu4e.core.launch;

/**
 * The attribute keys of launch configuration type {@value #TYPE_ID} ("Emulated ARM Target
 * (emu4e)"). Keys are permanent API: a saved configuration keeps them across versions. Each
 * {@code ATTR_*} has a {@code DEFAULT_*}; the javadoc says the value type.
 *
 * <p>The debugger keys are CDT's own (same names, same meanings); emu4e only chooses their
 * defaults. CDT itself is not needed for run mode.
 */
public interface VirtLaunchConstants {

    /** The launch configuration type. */
    String TYPE_ID = "org.emu4e.launch.virtMachine";

    /** Prefix of the emu4e attribute keys. */
    String PREFIX = "org.emu4e.launch";

    /** String: kernel file (ELF, Linux arm64 Image or raw binary); required unless a BIOS is set. */
    String ATTR_KERNEL = PREFIX + ".KERNEL";
    String DEFAULT_KERNEL = "";

    /** String: initial ramdisk file, or empty. */
    String ATTR_INITRD = PREFIX + ".INITRD";
    String DEFAULT_INITRD = "";

    /** String: kernel command line, or empty. */
    String ATTR_APPEND = PREFIX + ".APPEND";
    String DEFAULT_APPEND = "";

    /** String: firmware image for flash bank 0, or empty; excludes a kernel. */
    String ATTR_BIOS = PREFIX + ".BIOS";
    String DEFAULT_BIOS = "";

    /** int: number of vCPUs, 1 to 8 with GICv2, 1 to 64 with GICv3. */
    String ATTR_SMP = PREFIX + ".SMP";
    int DEFAULT_SMP = 4;

    /** String: RAM size, a number with an optional K, M or G suffix (e.g. "256M"). */
    String ATTR_MEMORY = PREFIX + ".MEMORY";
    String DEFAULT_MEMORY = "256M";

    /** int: interrupt controller version, 2 or 3. */
    String ATTR_GIC_VERSION = PREFIX + ".GIC_VERSION";
    int DEFAULT_GIC_VERSION = 2;

    /** int: loopback TCP port of the GDB stub; 0 picks any free port at each launch. */
    String ATTR_GDB_PORT = PREFIX + ".GDB_PORT";
    int DEFAULT_GDB_PORT = 0;

    /** String (CDT): the GDB executable for debug mode. */
    String ATTR_DEBUG_NAME = "org.eclipse.cdt.dsf.gdb.DEBUG_NAME";
    String DEFAULT_DEBUG_NAME = "gdb-multiarch";

    /** String (CDT): the file GDB reads symbols from; empty means the kernel. */
    String ATTR_PROGRAM_NAME = "org.eclipse.cdt.launch.PROGRAM_NAME";
    String DEFAULT_PROGRAM_NAME = "";

    /** boolean (CDT): set a temporary breakpoint at {@link #ATTR_STOP_AT} after connecting. */
    String ATTR_SET_STOP_AT = "org.eclipse.cdt.debug.gdbjtag.core.setStopAt";
    boolean DEFAULT_SET_STOP_AT = true;

    /** String (CDT): where to stop first. */
    String ATTR_STOP_AT = "org.eclipse.cdt.debug.gdbjtag.core.stopAt";
    String DEFAULT_STOP_AT = "main";

    /** boolean (CDT): continue after connecting (to reach {@link #ATTR_STOP_AT}). */
    String ATTR_SET_RESUME = "org.eclipse.cdt.debug.gdbjtag.core.setResume";
    boolean DEFAULT_SET_RESUME = true;

    /**
     * Launch attribute ({@code ILaunch.getAttribute}, a decimal string), not a configuration
     * key: the port the machine's GDB stub really listens on for this launch.
     */
    String LAUNCH_GDB_PORT = PREFIX + ".launch.gdbPort";

    /** {@code IProcess.ATTR_PROCESS_TYPE} of the machine process. */
    String PROCESS_TYPE = "org.emu4e.machine";

    /** Status code (plug-in org.emu4e.core) of the "configuration already running" question. */
    int STATUS_ALREADY_RUNNING = 501;
}
