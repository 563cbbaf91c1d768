package net.v6mostly.lab;

/**
 * One thing the lab checked on one device, e.g. "HTTP by name v4.lab.example".
 *
 * @param device the device's report name ("gateway" for the gateway's own figures)
 * @param what what was checked, in the report's words
 * @param passed whether it worked
 * @param detail what was seen: an address, a body, or why it failed
 */
public record Check(String device, String what, boolean passed, String detail) {
    public static Check pass(String device, String what, String detail) {
        return new Check(device, what, true, detail);
    }

    public static Check fail(String device, String what, String detail) {
        return new Check(device, what, false, detail);
    }
}
