/*
 * nfq-delay: holds every packet of an NFQUEUE for a fixed delay, then accepts it.
 * The NAT lab uses it because this kernel has no sch_netem. One thread; packets leave in
 * arrival order (fixed delay keeps FIFO order). Usage: nfq-delay QUEUE_NUM DELAY_MS
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define RING 65536

static uint32_t ids[RING];
static uint64_t due[RING];
static unsigned head, tail;
static uint64_t delay_ns;
static struct nfq_q_handle *qh;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *q, struct nfgenmsg *m, struct nfq_data *d, void *unused) {
    struct nfqnl_msg_packet_hdr *h = nfq_get_msg_packet_hdr(d);
    uint32_t id = ntohl(h->packet_id);
    if (tail - head >= RING) {            /* ring full: let it through rather than stall the queue */
        return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL);
    }
    ids[tail % RING] = id;
    due[tail % RING] = now_ns() + delay_ns;
    tail++;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: nfq-delay QUEUE_NUM DELAY_MS\n");
        return 2;
    }
    int qnum = atoi(argv[1]);
    delay_ns = (uint64_t) atoll(argv[2]) * 1000000ull;
    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfq_open"); return 1; }
    qh = nfq_create_queue(h, qnum, &on_packet, NULL);
    if (!qh) { perror("nfq_create_queue"); return 1; }
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) { perror("nfq_set_mode"); return 1; }
    nfq_set_queue_maxlen(qh, 20000);
    int fd = nfq_fd(h);
    char buf[65536] __attribute__((aligned));
    for (;;) {
        uint64_t now = now_ns();
        while (head != tail && due[head % RING] <= now) {
            nfq_set_verdict(qh, ids[head % RING], NF_ACCEPT, 0, NULL);
            head++;
        }
        int timeout = head == tail ? 1000 : (int) ((due[head % RING] - now) / 1000000ull);
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, timeout) > 0) {
            int n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                nfq_handle_packet(h, buf, n);
            } else if (n < 0 && errno != EAGAIN && errno != ENOBUFS) {
                perror("recv");
                return 1;
            }
        }
    }
}
