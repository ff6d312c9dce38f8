/*
 * The floor of the benchmark's large-blob push and pull on this machine: a minimal HTTP/1.1 server (a thread per
 * keep-alive connection, no framework) doing only what a registry must do with a blob's bytes, as cheaply as C and
 * OpenSSL can. Not a registry: no names, links, sessions, authentication or error handling beyond the benchmark's needs.
 *   POST ...                       -> 202 with a Location
 *   PUT ...?digest=sha256:<hex>    -> reads Content-Length bytes, SHA-256 (OpenSSL), writes them to a temporary file,
 *                                     fsync, rename to <dir>/<hex>, 201 (a wrong digest is not refused: only the work)
 *   GET .../sha256:<hex>           -> sendfile of <dir>/<hex> (blocking), 404 if missing; GET /v2/ -> 200
 * Build: cc -O2 -o floor floor.c -lcrypto -lpthread. Run: floor <port> <dir>. Used by dev.wharf.bench.Floor.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUFFER (256 * 1024)

static const char *dir;
static long counter;

static int send_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) return -1;
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int answer(int fd, const char *status, const char *headers) {
    char out[512];
    int n = snprintf(out, sizeof out, "HTTP/1.1 %s\r\n%sContent-Length: 0\r\n\r\n", status, headers);
    return send_all(fd, out, (size_t) n);
}

/* Stores a PUT's body: `have` bytes of it are at `start` already. Returns 0 once answered. */
static int put(int fd, char *buffer, const char *start, size_t have, long long length, const char *target) {
    const char *digest = strstr(target, "sha256:");
    char temporary[512], final[512];
    snprintf(temporary, sizeof temporary, "%s/upload-%ld", dir, __sync_add_and_fetch(&counter, 1));
    snprintf(final, sizeof final, "%s/%.64s", dir, digest ? digest + 7 : "none");
    int file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (file < 0) return -1;
    EVP_MD_CTX *sha256 = EVP_MD_CTX_new();
    EVP_DigestInit_ex(sha256, EVP_sha256(), NULL);
    long long left = length;
    const char *piece = start;
    size_t pieceLength = have;
    int failed = 0;
    while (!failed) {
        EVP_DigestUpdate(sha256, piece, pieceLength);
        failed = send_all(file, piece, pieceLength);
        left -= (long long) pieceLength;
        if (left <= 0) break;
        ssize_t r = read(fd, buffer, left < BUFFER ? (size_t) left : BUFFER);
        if (r <= 0) failed = 1;
        piece = buffer;
        pieceLength = (size_t) r;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLength;
    EVP_DigestFinal_ex(sha256, md, &mdLength);
    EVP_MD_CTX_free(sha256);
    failed = failed || fsync(file) != 0;
    close(file);
    if (failed || rename(temporary, final) != 0) return -1;
    char location[256];
    snprintf(location, sizeof location, "Location: /v2/floor/blobs/%.71s\r\n", digest ? digest : "");
    return answer(fd, "201 Created", location);
}

static int get(int fd, const char *target) {
    if (!strcmp(target, "/v2/")) return answer(fd, "200 OK", "");
    const char *digest = strstr(target, "sha256:");
    char path[512];
    snprintf(path, sizeof path, "%s/%.64s", dir, digest ? digest + 7 : "none");
    int file = open(path, O_RDONLY);
    if (file < 0) return answer(fd, "404 Not Found", "");
    struct stat st;
    fstat(file, &st);
    char head[256];
    int n = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                     "Content-Length: %lld\r\n\r\n", (long long) st.st_size);
    int failed = send_all(fd, head, (size_t) n);
    off_t offset = 0;
    while (!failed && offset < st.st_size) {
        failed = sendfile(fd, file, &offset, (size_t) (st.st_size - offset)) <= 0;
    }
    close(file);
    return failed ? -1 : 0;
}

static void *serve(void *argument) {
    int fd = (int) (long) argument;
    char *buffer = malloc(BUFFER + 1);
    size_t have = 0;
    for (;;) {
        char *end;
        buffer[have] = 0;
        while (!(end = strstr(buffer, "\r\n\r\n"))) {
            if (have == BUFFER) goto done;
            ssize_t r = read(fd, buffer + have, BUFFER - have);
            if (r <= 0) goto done;
            have += (size_t) r;
            buffer[have] = 0;
        }
        size_t head = (size_t) (end + 4 - buffer);
        char method[16], target[1024];
        if (sscanf(buffer, "%15s %1023s", method, target) != 2) goto done;
        long long length = 0;
        char *contentLength = strcasestr(buffer, "\r\ncontent-length:");
        if (contentLength && contentLength < end) length = atoll(contentLength + 17);
        size_t body = have - head < (size_t) length ? have - head : (size_t) length;
        int failed;
        if (!strcmp(method, "PUT")) {
            failed = put(fd, buffer, buffer + head, body, length, target);
        } else if (!strcmp(method, "POST")) {
            char location[128];
            snprintf(location, sizeof location, "Location: /v2/floor/blobs/uploads/%ld\r\n",
                     __sync_add_and_fetch(&counter, 1));
            failed = answer(fd, "202 Accepted", location);
        } else {
            failed = get(fd, target);
        }
        if (failed) goto done;
        /* what followed the request (a pipelined next one) stays; a PUT that read past its buffer left nothing */
        size_t used = head + body;
        size_t rest = (!strcmp(method, "PUT") && body < (size_t) length) ? 0 : have - used;
        memmove(buffer, buffer + have - rest, rest);
        have = rest;
    }
done:
    close(fd);
    free(buffer);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor <port> <directory>\n");
        return 2;
    }
    dir = argv[2];
    signal(SIGPIPE, SIG_IGN); /* a client closing mid-answer ends its connection, not the server */
    int server = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short) atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(server, (struct sockaddr *) &address, sizeof address) || listen(server, 128)) {
        perror("floor");
        return 1;
    }
    for (;;) {
        int connection = accept(server, NULL, NULL);
        if (connection < 0) continue;
        pthread_t thread;
        pthread_create(&thread, NULL, serve, (void *) (long) connection);
        pthread_detach(thread);
    }
}
