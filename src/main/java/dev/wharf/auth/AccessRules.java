package dev.wharf.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Who may do what to which repositories: the access file ({@code REGISTRY_AUTH_HTPASSWD_ACCESS}, a Wharf extension),
 * a YAML list of grants; or, without one, distribution's rule: every authenticated user may do everything,
 * anonymous callers nothing. An account is {@code anonymous} (no credentials), {@code *} (any authenticated user)
 * or a user name; grants add up, nothing is denied explicitly.
 */
final class AccessRules {
    static final AccessRules AUTHENTICATED_ONLY = new AccessRules(List.of(
            new Grant("*", List.of(RepositoryPattern.compile("**")), EnumSet.allOf(Action.class))));

    private static final String ANONYMOUS = "anonymous";
    private static final Set<String> KEYS = Set.of("account", "repositories", "actions");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Grant> grants;
    private final boolean anonymousPulls;

    private AccessRules(List<Grant> grants) {
        this.grants = List.copyOf(grants);
        this.anonymousPulls = grants.stream().anyMatch(g -> g.account().equals(ANONYMOUS) && g.actions().contains(Action.PULL));
    }

    record Grant(String account, List<RepositoryPattern> repositories, Set<Action> actions) {
        boolean covers(Caller caller, String repository, Action action) {
            return appliesTo(caller) && actions.contains(action)
                    && repositories.stream().anyMatch(p -> p.matches(repository));
        }

        boolean appliesTo(Caller caller) {
            return caller.anonymous() ? account.equals(ANONYMOUS)
                    : account.equals("*") || caller.user().get().equals(account);
        }
    }

    boolean allows(Caller caller, String repository, Action action) {
        for (Grant grant : grants) {
            if (grant.covers(caller, repository, action)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some repository may be pulled without credentials. */
    boolean anonymousPulls() {
        return anonymousPulls;
    }

    /** Whether the caller may pull every repository (a {@code **} pull grant), so listings need no filtering. */
    boolean pullsEverything(Caller caller) {
        return grants.stream().anyMatch(grant -> grant.appliesTo(caller) && grant.actions().contains(Action.PULL)
                && grant.repositories().stream().anyMatch(pattern -> pattern.glob().equals("**")));
    }

    static AccessRules parse(Path path) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new AccessRules(List.of());
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a list of {account, repositories, actions} entries");
        }
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            grants.add(grant(root.get(i), "entry " + (i + 1)));
        }
        return new AccessRules(grants);
    }

    private static Grant grant(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + ": expected a map with account, repositories and actions");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + name + "\"");
            }
        }
        JsonNode account = entry.get("account");
        if (account == null || !account.isTextual() || account.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": account must be a user name, \"*\" or anonymous");
        }
        List<RepositoryPattern> repositories = new ArrayList<>();
        for (String glob : strings(entry, "repositories", where)) {
            repositories.add(RepositoryPattern.compile(glob));
        }
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (String action : strings(entry, "actions", where)) {
            try {
                actions.add(Action.parse(action));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new Grant(account.asText(), repositories, actions);
    }

    private static List<String> strings(JsonNode entry, String key, String where) {
        JsonNode list = entry.get(key);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + key + " must be a non-empty list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : list) {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": " + key + " must hold non-empty strings");
            }
            values.add(value.asText());
        }
        return values;
    }
}
