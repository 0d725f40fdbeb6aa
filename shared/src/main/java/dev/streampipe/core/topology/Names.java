package dev.streampipe.core.topology;

/** Validation of route, split and sink names: stable identifiers used in logs and metrics. */
final class Names {
    private Names() {
    }

    /** Returns {@code name} if it is 1..64 characters of letters, digits, '-', '_' or '.'; throws otherwise. */
    static String require(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException(what + " name must be 1..64 characters, was '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw new IllegalArgumentException(what + " name may hold only letters, digits, '-', '_', '.', was '"
                        + name + "'");
            }
        }
        return name;
    }
}
