package dev.wharf.storage;

import java.io.IOException;

/** A read offset that is negative or past the end of the object. */
public class InvalidOffsetException extends IOException {
    public InvalidOffsetException(String path, long offset) {
        super("invalid offset " + offset + " for " + path);
    }
}
