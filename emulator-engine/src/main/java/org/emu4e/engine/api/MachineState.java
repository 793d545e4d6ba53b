package org.emu4e.engine.api;

/** Life cycle of a machine. */
public enum MachineState { CREATED, RUNNING, PAUSED, SHUTDOWN }
