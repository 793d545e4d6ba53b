package org.emu4e.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.ISourcePathComputer;
import org.eclipse.debug.core.sourcelookup.ISourcePathComputerDelegate;
import org.eclipse.debug.core.sourcelookup.containers.DirectorySourceContainer;

/**
 * The "Default" source lookup path of an emu4e debug launch: the directory of the symbols ELF
 * (firmware is usually built outside any workspace project, and its DWARF names sources relative
 * to the build directory, e.g. "./demo.c"), then CDT's own defaults (absolute paths, workspace
 * projects). Containers the user adds on the Source tab are looked up alongside this default.
 */
public class FirmwareSourcePathComputer implements ISourcePathComputerDelegate {
    /** CDT's source path computer for C/C++ launches. */
    static final String CDT_COMPUTER_ID = "org.eclipse.cdt.debug.core.sourcePathComputer";

    @Override
    public ISourceContainer[] computeSourceContainers(ILaunchConfiguration config, IProgressMonitor monitor)
            throws CoreException {
        List<ISourceContainer> containers = new ArrayList<>();
        Path dir = firmwareDirectory(config);
        if (dir != null) {
            containers.add(new DirectorySourceContainer(dir.toFile(), false));
        }
        ISourcePathComputer cdt = DebugPlugin.getDefault().getLaunchManager().getSourcePathComputer(CDT_COMPUTER_ID);
        if (cdt != null) {
            containers.addAll(List.of(cdt.computeSourceContainers(config, monitor)));
        }
        return containers.toArray(ISourceContainer[]::new);
    }

    /** The directory of the symbols ELF, or null while the configuration names no readable ELF. */
    static Path firmwareDirectory(ILaunchConfiguration config) {
        try {
            return VirtMachineDebugDelegate.programPath(config).getParent();
        } catch (CoreException e) {
            return null;
        }
    }
}
