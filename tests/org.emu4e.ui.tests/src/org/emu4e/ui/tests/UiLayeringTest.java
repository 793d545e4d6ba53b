package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;

import org.emu4e.core.tests.support.EngineReferences;
import org.junit.jupiter.api.Test;

/**
 * The UI knows machines only through the engine's API: no CPU, board, stub or protocol class
 * (so no instruction-set knowledge) is named by any class of org.emu4e.ui.
 */
class UiLayeringTest {

    @Test
    void uiNamesOnlyTheEngineApi() throws Exception {
        Set<String> used = EngineReferences.engineTypesUsedBy(EngineReferences.bundle("org.emu4e.ui"));
        assertFalse(used.isEmpty(), "org.emu4e.ui shows engine state, so it names API types");
        for (String type : used) {
            assertEquals("org.emu4e.engine.api", EngineReferences.packageOf(type),
                    "org.emu4e.ui uses " + type + "; the UI may use only org.emu4e.engine.api");
        }
    }
}
