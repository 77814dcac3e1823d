/* The cost of installing machine code, by the ways src/codemem.rs could write it
 * (docs/benchmarks.md, tenth session): 20,000 installations of 4,300 bytes (Flask's average
 * function) bump-allocated in 256 KiB chunks, each page read once through the executable
 * mapping after it is written (as compiled code is run).
 *
 *   cc -O2 -o /tmp/code_install bench/micro/code_install.c && /tmp/code_install
 *
 * Prints CPU microseconds per installation, and for the double mappings the process's VmRSS
 * while they hold the 86 MB written (a page mapped at two addresses counts twice in VmRSS).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define N 20000
#define LEN 4300
#define CHUNK (256 << 10)
#define REGION ((size_t)256 << 20)
#define PAGE 4096

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static long rss_kb(void) {
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6)) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

static volatile char sink;
static char code[LEN];

static void touch(const char *from, size_t len) {
    for (size_t p = (size_t)from / PAGE * PAGE; p < (size_t)from + len; p += PAGE) sink += *(const char *)p;
}

/* mprotect read+write, copy, mprotect read+execute (private anonymous pages). */
static void with_mprotect(void) {
    char *r = mmap(0, REGION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    size_t used = CHUNK;
    char *chunk = r - CHUNK;
    for (int i = 0; i < N; i++) {
        if (used + LEN > CHUNK) {
            chunk += CHUNK;
            mprotect(chunk, CHUNK, PROT_READ | PROT_EXEC);
            used = 0;
        }
        size_t first = used / PAGE * PAGE, end = (used + LEN + PAGE - 1) / PAGE * PAGE;
        mprotect(chunk + first, end - first, PROT_READ | PROT_WRITE);
        memcpy(chunk + used, code, LEN);
        mprotect(chunk + first, end - first, PROT_READ | PROT_EXEC);
        touch(chunk + used, LEN);
        used += (LEN + 15) & ~15;
    }
    munmap(r, REGION);
}

/* pwrite into a memfd mapped read+execute (the descriptor stays open). */
static void with_pwrite(void) {
    int fd = memfd_create("code", MFD_CLOEXEC);
    ftruncate(fd, REGION);
    char *r = mmap(0, REGION, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    size_t at = 0;
    for (int i = 0; i < N; i++) {
        if (at % CHUNK + LEN > CHUNK) at = (at / CHUNK + 1) * CHUNK;
        pwrite(fd, code, LEN, at);
        touch(r + at, LEN);
        at += (LEN + 15) & ~15;
    }
    munmap(r, REGION);
    close(fd);
}

/* copy through a second, writable mapping of the memfd; with unmap_batch > 0, written pages
 * leave the writable mapping in batches of that many (MADV_DONTNEED). */
static long double_mapped(int unmap_batch) {
    int fd = memfd_create("code", MFD_CLOEXEC);
    ftruncate(fd, REGION);
    char *rx = mmap(0, REGION, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    char *rw = mmap(0, REGION, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    size_t at = 0, unmapped = 0;
    for (int i = 0; i < N; i++) {
        if (at % CHUNK + LEN > CHUNK) at = (at / CHUNK + 1) * CHUNK;
        memcpy(rw + at, code, LEN);
        touch(rx + at, LEN);
        at += (LEN + 15) & ~15;
        size_t whole = at / PAGE * PAGE;
        if (unmap_batch && whole >= unmapped + (size_t)unmap_batch * PAGE) {
            madvise(rw + unmapped, whole - unmapped, MADV_DONTNEED);
            unmapped = whole;
        }
    }
    long kb = rss_kb();
    munmap(rx, REGION);
    munmap(rw, REGION);
    return kb;
}

int main(void) {
    memset(code, 0x90, sizeof code);
    double t;
    t = cpu(); with_mprotect(); printf("mprotect, anonymous pages: %.2f us\n", (cpu() - t) / N * 1e6);
    t = cpu(); with_pwrite(); printf("pwrite into a memfd: %.2f us\n", (cpu() - t) / N * 1e6);
    long kb;
    t = cpu(); kb = double_mapped(0);
    printf("double-mapped memfd: %.2f us (VmRSS %ld kB)\n", (cpu() - t) / N * 1e6, kb);
    t = cpu(); kb = double_mapped(32);
    printf("double-mapped memfd, writable view unmapped every 32 pages: %.2f us (VmRSS %ld kB)\n", (cpu() - t) / N * 1e6, kb);
    return 0;
}
