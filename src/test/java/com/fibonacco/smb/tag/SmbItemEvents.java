package com.fibonacco.smb.tag;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NoteAdded;
import com.fibonacco.smb.NoteDeleted;
import com.fibonacco.smb.NoteUpdated;
import com.fibonacco.smb.SmbTagged;
import com.fibonacco.smb.SmbUntagged;
import com.fibonacco.smb.TaskCompleted;
import com.fibonacco.smb.TaskCreated;
import com.fibonacco.smb.TaskDeleted;
import com.fibonacco.smb.TaskUpdated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the tag, note and task events as they are published, and whether a transaction
 * was open at the time. {@code @RecordApplicationEvents} cannot see them: it records the
 * test thread's events, and these are published on the server's request threads.
 */
@Component
public class SmbItemEvents {

	private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

	@EventListener({ SmbTagged.class, SmbUntagged.class, NoteAdded.class, NoteUpdated.class, NoteDeleted.class,
			TaskCreated.class, TaskUpdated.class, TaskCompleted.class, TaskDeleted.class })
	void on(Object event) {
		recorded
			.add(new Recorded(event, tenantOf(event), TransactionSynchronizationManager.isActualTransactionActive()));
	}

	/** The tenant's events of the type, in publication order. */
	public <T> List<T> of(Class<T> type, UUID tenant) {
		return recorded.stream()
			.filter(r -> r.tenant().value().equals(tenant) && type.isInstance(r.event()))
			.map(r -> type.cast(r.event()))
			.toList();
	}

	/** Every event of the tenant, whatever its type. */
	public List<Object> all(UUID tenant) {
		return recorded.stream().filter(r -> r.tenant().value().equals(tenant)).map(Recorded::event).toList();
	}

	/** Whether each of the tenant's events was published inside a transaction. */
	public boolean allInTransaction(UUID tenant) {
		return recorded.stream().filter(r -> r.tenant().value().equals(tenant)).allMatch(Recorded::inTransaction);
	}

	private static TenantId tenantOf(Object event) {
		return switch (event) {
			case SmbTagged e -> e.tenantId();
			case SmbUntagged e -> e.tenantId();
			case NoteAdded e -> e.tenantId();
			case NoteUpdated e -> e.tenantId();
			case NoteDeleted e -> e.tenantId();
			case TaskCreated e -> e.tenantId();
			case TaskUpdated e -> e.tenantId();
			case TaskCompleted e -> e.tenantId();
			case TaskDeleted e -> e.tenantId();
			default -> throw new IllegalArgumentException("not an SMB item event: " + event);
		};
	}

	record Recorded(Object event, TenantId tenant, boolean inTransaction) {
	}

}
