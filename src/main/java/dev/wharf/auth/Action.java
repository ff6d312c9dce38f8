package dev.wharf.auth;

import java.util.Locale;

/** What a request does to a repository, as the access file names it. */
public enum Action {
    /** GET/HEAD of manifests, blobs, tags and referrers. */
    PULL,
    /** Blob uploads (every step of a session) and manifest PUT. */
    PUSH,
    /** DELETE of manifests, tags and blobs. */
    DELETE;

    /** The name in the access file: {@code pull}, {@code push}, {@code delete}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Action parse(String text) {
        for (Action action : values()) {
            if (action.label().equals(text)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action \"" + text + "\" (expected pull, push or delete)");
    }
}
