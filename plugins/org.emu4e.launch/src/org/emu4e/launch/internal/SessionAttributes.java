package org.emu4e.launch.internal;

import static org.emu4e.core.launch.VirtLaunchConstants.*;

import java.util.Map;

import org.eclipse.cdt.debug.core.ICDTLaunchConfigurationConstants;
import org.eclipse.cdt.debug.gdbjtag.core.IGDBJtagConstants;
import org.eclipse.cdt.dsf.gdb.IGDBLaunchConfigurationConstants;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.emu4e.launch.Emu4eJtagDevice;

/**
 * The CDT attributes of an emu4e debug session. Two kinds:
 * <ul>
 * <li>fixed ones CDT reads from the stored configuration itself (a remote session): written into
 * the configuration before the first launch, as CDT's own delegate does for non-stop mode;</li>
 * <li>per-launch ones (the connection to the stub's real port) and emu4e's defaults, put into the
 * attribute map CDT's final launch sequence works from.</li>
 * </ul>
 */
public final class SessionAttributes {
    private static final String START_MODE_REMOTE = IGDBLaunchConfigurationConstants.DEBUGGER_MODE_REMOTE;

    private SessionAttributes() {
    }

    /** Makes {@code config} a remote-target session; returns false if it could not be saved. */
    public static boolean ensureRemoteSession(ILaunchConfiguration config) throws CoreException {
        if (START_MODE_REMOTE.equals(config.getAttribute(ICDTLaunchConfigurationConstants.ATTR_DEBUGGER_START_MODE, ""))) {
            return true;
        }
        ILaunchConfigurationWorkingCopy wc = config.getWorkingCopy();
        defaults(wc);
        wc.doSave();
        return true;
    }

    /** The attributes every new emu4e configuration starts with for debugging. */
    public static void defaults(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(ICDTLaunchConfigurationConstants.ATTR_DEBUGGER_START_MODE, START_MODE_REMOTE);
        wc.setAttribute(IGDBJtagConstants.ATTR_USE_REMOTE_TARGET, true);
        wc.setAttribute(IGDBJtagConstants.ATTR_JTAG_DEVICE_ID, Emu4eJtagDevice.ID);
    }

    /** Completes CDT's attribute map for {@code launch} (connection to the stub, emu4e defaults). */
    public static void complete(Map<String, Object> attributes, ILaunch launch) {
        String port = launch == null ? null : launch.getAttribute(LAUNCH_GDB_PORT);
        if (port != null) {
            attributes.put(IGDBJtagConstants.ATTR_CONNECTION, "gdb:127.0.0.1:" + port + "#");
        }
        attributes.put(IGDBJtagConstants.ATTR_USE_REMOTE_TARGET, true);
        attributes.put(IGDBJtagConstants.ATTR_JTAG_DEVICE_ID, Emu4eJtagDevice.ID);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_PROTOCOL, "remote");
        // The machine loaded the image; GDB only needs the symbols.
        attributes.put(IGDBJtagConstants.ATTR_LOAD_IMAGE, false);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_LOAD_SYMBOLS, true);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_USE_PROJ_BINARY_FOR_SYMBOLS, true);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_DO_RESET, false);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_DO_HALT, false);
        attributes.putIfAbsent(IGDBJtagConstants.ATTR_DELAY, 0);
        attributes.putIfAbsent(ATTR_SET_STOP_AT, DEFAULT_SET_STOP_AT);
        attributes.putIfAbsent(ATTR_STOP_AT, DEFAULT_STOP_AT);
        attributes.putIfAbsent(ATTR_SET_RESUME, DEFAULT_SET_RESUME);
    }
}
