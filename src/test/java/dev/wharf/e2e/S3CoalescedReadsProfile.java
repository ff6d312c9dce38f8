package dev.wharf.e2e;

/**
 * {@link S3RequestCountProfile} with a server of its own (another profile class: Quarkus starts another app and S3Proxy),
 * so that the repositories pushed here stay out of {@link S3RequestCountTest}'s catalog.
 */
public class S3CoalescedReadsProfile extends S3RequestCountProfile {
}
