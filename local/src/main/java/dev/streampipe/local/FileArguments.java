package dev.streampipe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks on the files and folders a user names, made before anything starts and without creating or changing
 * anything: each failure is a {@link BadInputException} naming what the path is for ({@code --template},
 * {@code event file}, ...) and the path.
 */
final class FileArguments {
    private FileArguments() {
    }

    /** {@code file} exists, is a regular file (or a link to one), can be read and holds at most {@code maxBytes}. */
    static Path readable(String what, Path file, long maxBytes) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(what + " " + shown(file) + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(what + " " + shown(file) + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(what + " " + shown(file) + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(what + " " + shown(file) + " cannot be read (permissions)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(what + " " + shown(file) + " cannot be read: " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            throw new BadInputException(what + " " + shown(file) + " has " + size + " bytes, more than the "
                    + maxBytes + " it may have");
        }
        return file;
    }

    /**
     * {@code dir} is a folder that can be written, or does not exist yet and its nearest existing ancestor is a
     * folder that can be written (so that it can be created).
     */
    static Path writableDirectory(String what, Path dir) {
        Path absolute = dir.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new BadInputException(what + " " + shown(dir) + ": no part of it exists, not even its root");
        }
        String created = existing.equals(absolute) ? "" : " (so " + shown(dir) + " cannot be created in it)";
        if (!Files.isDirectory(existing)) {
            throw new BadInputException(what + " " + shown(dir) + ": " + shown(existing) + " is not a folder"
                    + created);
        }
        if (!Files.isWritable(existing)) {
            throw new BadInputException(what + " " + shown(dir) + ": the folder " + shown(existing)
                    + " cannot be written (permissions)" + created);
        }
        return dir;
    }

    private static String shown(Path p) {
        return Flags.shown(p.toString());
    }
}
