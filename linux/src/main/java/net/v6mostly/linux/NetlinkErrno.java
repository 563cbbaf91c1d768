package net.v6mostly.linux;

/**
 * Symbolic names of the Linux errno values (errno(3), {@code <asm-generic/errno-base.h>} and
 * {@code <asm-generic/errno.h>}) that rtnetlink requests and the netlink socket calls report, so an
 * error reads "File exists (EEXIST)" rather than "error -17". Named apart from the TUN code's errno
 * helper so the two can grow independently.
 */
final class NetlinkErrno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int EBADMSG = 74;

    private static final String[] NAMES = new String[134];

    static {
        String[][] table = {
            {"1", "EPERM"}, {"2", "ENOENT"}, {"3", "ESRCH"}, {"4", "EINTR"}, {"5", "EIO"}, {"6", "ENXIO"},
            {"7", "E2BIG"}, {"9", "EBADF"}, {"11", "EAGAIN"}, {"12", "ENOMEM"}, {"13", "EACCES"},
            {"14", "EFAULT"}, {"16", "EBUSY"}, {"17", "EEXIST"}, {"19", "ENODEV"}, {"22", "EINVAL"},
            {"23", "ENFILE"}, {"24", "EMFILE"}, {"28", "ENOSPC"}, {"34", "ERANGE"}, {"38", "ENOSYS"},
            {"61", "ENODATA"}, {"71", "EPROTO"}, {"74", "EBADMSG"}, {"75", "EOVERFLOW"},
            {"88", "ENOTSOCK"}, {"90", "EMSGSIZE"}, {"92", "ENOPROTOOPT"}, {"93", "EPROTONOSUPPORT"},
            {"95", "EOPNOTSUPP"}, {"97", "EAFNOSUPPORT"}, {"98", "EADDRINUSE"}, {"99", "EADDRNOTAVAIL"},
            {"100", "ENETDOWN"}, {"101", "ENETUNREACH"}, {"105", "ENOBUFS"}, {"110", "ETIMEDOUT"},
            {"113", "EHOSTUNREACH"}, {"114", "EALREADY"}, {"115", "EINPROGRESS"},
        };
        for (String[] row : table) {
            NAMES[Integer.parseInt(row[0])] = row[1];
        }
    }

    private NetlinkErrno() {
    }

    /** {@code "EEXIST"} for 17; {@code "errno 200"} for a value without a name here. */
    static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }
}
