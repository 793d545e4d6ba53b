package org.emu4e.core.launch;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.internal.launch.MachineProcess;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.gdbstub.GdbServer;
import org.emu4e.engine.loader.LoadException;

/**
 * Starts an engine machine for a launch: builds the board (loading the images), starts its GDB
 * stub on a loopback port, adds the machine to the launch as an {@code IProcess} whose console is
 * the UART, registers it with the {@link MachineRegistry} and starts the vCPUs. Every step checks
 * for cancellation; on any failure or cancellation whatever was started is stopped again (no
 * vCPU thread, stub or port survives).
 */
public final class MachineLauncher {

    private MachineLauncher() {
    }

    /**
     * Starts the machine {@code spec} describes as part of {@code launch}.
     *
     * @param haltForDebugger every vCPU waits for the debugger before its first instruction
     * @return the running machine, or null if {@code monitor} was cancelled (nothing left running)
     */
    public static LaunchedMachine start(MachineSpec spec, ILaunch launch, String name, boolean haltForDebugger,
            IProgressMonitor monitor) throws CoreException {
        SubMonitor sm = SubMonitor.convert(monitor, "Starting emulated machine " + name, 4);
        Machine machine = null;
        GdbServer stub = null;
        MachineProcess process = null;
        boolean ok = false;
        try {
            sm.subTask("Building the board and loading images");
            machine = createMachine(spec);
            sm.split(1);
            sm.subTask("Starting the GDB stub");
            stub = startStub(machine, spec.gdbPort());
            sm.split(1);
            if (haltForDebugger) {
                GdbServer.stopBeforeStart(machine);
            }
            process = new MachineProcess(launch, name, machine, stub);
            sm.split(1);
            sm.subTask("Starting " + spec.cpus() + " vCPUs");
            // the port first: whoever sees the machine registered can read it
            launch.setAttribute(VirtLaunchConstants.LAUNCH_GDB_PORT, Integer.toString(stub.port()));
            MachineRegistry.getDefault().add(name, machine, launch);
            machine.start();
            sm.split(1);
            ok = true;
            return new LaunchedMachine(machine, stub, process);
        } catch (org.eclipse.core.runtime.OperationCanceledException e) {
            return null;
        } finally {
            if (!ok) {
                if (process != null) {
                    process.terminateQuietly();
                } else {
                    LaunchedMachine.stopQuietly(machine, stub);
                }
            }
        }
    }

    private static Machine createMachine(MachineSpec spec) throws CoreException {
        try {
            return VirtMachine.create(spec.toVirtConfig());
        } catch (LoadException e) {
            throw MachineSpec.error("Cannot load the firmware: " + e.getMessage()
                    + "; choose a valid ELF, arm64 Image or raw binary on the Firmware tab", e);
        } catch (IllegalArgumentException e) {
            throw MachineSpec.error("Bad machine option: " + e.getMessage() + "; change it on the Machine tab", e);
        }
    }

    private static GdbServer startStub(Machine machine, int port) throws CoreException {
        try {
            return GdbServer.start(machine, InetAddress.getLoopbackAddress(), port);
        } catch (BindException e) {
            throw MachineSpec.error("GDB port " + port + " on 127.0.0.1 is taken by another program: "
                    + "choose another port on the Machine tab, or 0 for any free port", e);
        } catch (IOException e) {
            throw MachineSpec.error("Cannot open GDB port " + port + " on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
