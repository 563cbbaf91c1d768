package net.v6mostly.lab;

/** The lab cannot be built or run (a set-up command failed, a tool is missing); the message says why. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }
}
