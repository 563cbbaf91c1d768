package net.v6mostly.linux;

/**
 * A system call failed: names the operation, the object it acted on and errno with its text,
 * e.g. {@code TUNSETIFF on nat64: Device or resource busy (errno 16)}.
 */
public class LinuxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    /** Creates the exception from the failed operation and the captured errno. */
    public LinuxException(String operation, String object, int errno) {
        super(operation + " on " + object + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** Creates an exception with a message of its own. */
    public LinuxException(String message) {
        super(message);
        this.errno = 0;
    }

    /** The errno value, 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
