package dev.parley.mpc.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.mpc.group.InvalidGroupInvitationException.Reason;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.program.ProgramRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Group links: what a joiner accepts, and each field it refuses. */
class GroupInvitationTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ProgramRegistry REGISTRY = ProgramRegistry.standard(CLOCK);
    private static final URI BASE = URI.create("https://parley.dev/g");
    private static final String HOST = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private static final ProgramDescriptor SUM = REGISTRY.find("sum").orElseThrow().program().descriptor();

    private static GroupInvitation valid() {
        return new GroupInvitation("0123456789abcdef0123456789abcdef", HOST, SUM, 3, 1, NOW.plusSeconds(600),
                "http://127.0.0.1:8080");
    }

    /** The valid invitation's link with its attachment JSON changed by {@code edit}. */
    private static String edited(Consumer<ObjectNode> edit) {
        Invitation oob = valid().toOob();
        ObjectNode json = (ObjectNode) ((AttachmentData.JsonData) oob.attachments().getFirst().data()).json();
        edit.accept(json);
        Invitation changed = new Invitation(oob.id(), oob.from(), oob.goalCode(), oob.goal(), oob.accept(),
                List.of(Attachment.of(GroupInvitation.ATTACHMENT_ID, "application/json",
                        new AttachmentData.JsonData(json, null, null))));
        return new OobLinks().toUrl(changed, BASE);
    }

    private static Reason refused(String link, Clock clock) {
        return assertThrows(InvalidGroupInvitationException.class, () -> GroupInvitation.read(link, REGISTRY, clock))
                .reason();
    }

    @Test
    void linkRoundTripsInsideChatText() throws Exception {
        GroupInvitation inv = valid();
        assertEquals(inv, GroupInvitation.read("join us: " + inv.toLink(BASE) + " thanks", REGISTRY, CLOCK));
    }

    @Test
    void refusesAnExpiredInvitation() {
        Clock later = Clock.offset(CLOCK, Duration.ofSeconds(601));
        assertEquals(Reason.EXPIRED, refused(valid().toLink(BASE), later));
    }

    @Test
    void refusesAnInvitationClaimingMoreThanADay() {
        assertEquals(Reason.OUT_OF_RANGE, refused(edited(j -> j.put("expires", NOW.plus(Duration.ofDays(2))
                .toString())), CLOCK));
    }

    @Test
    void refusesOutOfRangePartiesAndThresholds() {
        assertEquals(Reason.OUT_OF_RANGE, refused(edited(j -> j.put("parties", 17)), CLOCK));
        assertEquals(Reason.OUT_OF_RANGE, refused(edited(j -> j.put("parties", 1).put("threshold", 0)), CLOCK));
        assertEquals(Reason.OUT_OF_RANGE, refused(edited(j -> j.put("threshold", 2)), CLOCK));
        assertEquals(Reason.OUT_OF_RANGE, refused(edited(j -> j.put("threshold", -1)), CLOCK));
    }

    @Test
    void refusesAnUnknownProgram() {
        ProgramDescriptor other = ProgramDescriptor.of("auction", 1, java.util.Map.of());
        assertEquals(Reason.UNKNOWN_PROGRAM, refused(edited(j -> {
            j.set("program", dev.parley.mpc.group.internal.GroupJson.descriptor(other));
            j.put("fingerprint", other.fingerprint().hex());
        }), CLOCK));
    }

    @Test
    void refusesAFingerprintThatDoesNotMatchTheProgram() {
        assertEquals(Reason.MALFORMED, refused(edited(j -> j.put("fingerprint", "00".repeat(32))), CLOCK));
    }

    @Test
    void refusesMissingOrMistypedFields() {
        int refused = 0;
        for (String field : List.of("program", "fingerprint", "parties", "threshold", "expires", "mediator")) {
            assertEquals(Reason.MALFORMED, refused(edited(j -> j.remove(field)), CLOCK), field);
            assertEquals(Reason.MALFORMED, refused(edited(j -> j.putArray(field)), CLOCK), field);
            refused += 2;
        }
        assertEquals(12, refused);
    }

    @Test
    void refusesOtherLinks() {
        Invitation session = new Invitation("abc", HOST, "parley-session", null, List.of(), List.of());
        assertEquals(Reason.MALFORMED, refused(new OobLinks().toUrl(session, BASE), CLOCK));
        assertEquals(Reason.MALFORMED, refused("https://parley.dev/g?_oob=garbage", CLOCK));
        assertEquals(Reason.MALFORMED, refused("no link here", CLOCK));
    }

    @Test
    void constructionRefusesOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new GroupInvitation("xyz", HOST, SUM, 3, 1,
                NOW, "http://m"));
        assertThrows(IllegalArgumentException.class, () -> new GroupInvitation("0123456789abcdef0123456789abcdef",
                "not-a-did", SUM, 3, 1, NOW, "http://m"));
        assertThrows(IllegalArgumentException.class, () -> new GroupInvitation("0123456789abcdef0123456789abcdef",
                HOST, SUM, 4, 2, NOW, "http://m"));
    }
}
