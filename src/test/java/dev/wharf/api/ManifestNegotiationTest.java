package dev.wharf.api;

import dev.wharf.model.MediaTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the {@code Accept} headers of a manifest GET are read: every type of every header, parameters dropped. */
class ManifestNegotiationTest {

    @Test
    void readsEveryTypeOfEveryHeaderWithoutParameters() {
        ManifestNegotiation negotiation = new ManifestNegotiation(List.of(
                MediaTypes.DOCKER_MANIFEST + "; q=0.9 ,  " + MediaTypes.DOCKER_MANIFEST_LIST + ";q=0.5",
                MediaTypes.OCI_INDEX));
        assertTrue(negotiation.accepts(MediaTypes.DOCKER_MANIFEST));
        assertTrue(negotiation.accepts(MediaTypes.DOCKER_MANIFEST_LIST));
        assertTrue(negotiation.accepts(MediaTypes.OCI_INDEX));
        assertFalse(negotiation.accepts(MediaTypes.OCI_MANIFEST));
    }

    @Test
    void aLaterPartsParametersStayInThatPart() {
        ManifestNegotiation negotiation = new ManifestNegotiation(List.of(
                MediaTypes.OCI_INDEX + "," + MediaTypes.OCI_MANIFEST + ";q=0.1"));
        assertTrue(negotiation.accepts(MediaTypes.OCI_INDEX));
        assertTrue(negotiation.accepts(MediaTypes.OCI_MANIFEST));
        assertFalse(negotiation.accepts(MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    void emptyPartsAndTrailingCommasAreSkipped() {
        ManifestNegotiation negotiation = new ManifestNegotiation(List.of(",, " + MediaTypes.OCI_INDEX + ",", ";q=1"));
        assertTrue(negotiation.accepts(MediaTypes.OCI_INDEX));
        assertFalse(negotiation.accepts(MediaTypes.OCI_MANIFEST), "only the index was listed");
        assertFalse(negotiation.accepts(""));
    }

    @Test
    void noTypesOrAWildcardAcceptAnything() {
        assertTrue(new ManifestNegotiation(null).accepts(MediaTypes.OCI_MANIFEST));
        assertTrue(new ManifestNegotiation(List.of(" , ")).accepts(MediaTypes.OCI_MANIFEST));
        ManifestNegotiation wildcard = new ManifestNegotiation(List.of(MediaTypes.OCI_INDEX + ", */*;q=0.1"));
        assertTrue(wildcard.accepts(MediaTypes.OCI_MANIFEST));
        assertTrue(new ManifestNegotiation(List.of("application/*")).accepts(MediaTypes.OCI_MANIFEST));
    }
}
