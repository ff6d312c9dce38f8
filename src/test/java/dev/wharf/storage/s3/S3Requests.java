package dev.wharf.storage.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the S3 requests a client sends, by operation, and the bytes they move: sent (PutObject, UploadPart), read
 * (GetObject) and copied server-side (UploadPartCopy ranges; a CopyObject is counted, its size is the caller's).
 */
final class S3Requests implements ExecutionInterceptor {
    private final Map<String, Integer> counts = new TreeMap<>();
    private long sent;
    private long read;
    private long copied;

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = context.request().getClass().getSimpleName().replaceAll("Request$", "");
        counts.merge(operation, 1, Integer::sum);
        if (context.request() instanceof PutObjectRequest put) {
            sent += put.contentLength() == null ? 0 : put.contentLength(); // putContent leaves it to the SDK
        } else if (context.request() instanceof UploadPartRequest part) {
            sent += part.contentLength();
        } else if (context.request() instanceof UploadPartCopyRequest copy) {
            String[] range = copy.copySourceRange().substring("bytes=".length()).split("-");
            copied += Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        }
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetObjectResponse get) {
            read += get.contentLength();
        }
    }

    synchronized int count(String operation) {
        return counts.getOrDefault(operation, 0);
    }

    synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized long copied() {
        return copied;
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long read() {
        return read;
    }

    synchronized void reset() {
        counts.clear();
        sent = read = copied = 0;
    }

    @Override
    public synchronized String toString() {
        return total() + " requests " + counts + ", " + sent + " bytes sent, " + read + " read, " + copied
                + " copied by UploadPartCopy";
    }
}
