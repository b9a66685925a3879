-- Each ticket's first public reply by an agent, kept on the ticket: support
-- metrics read it for a million tickets at once, which a scan of every
-- comment would make take seconds.
ALTER TABLE tickets ADD COLUMN first_reply_at INTEGER;

UPDATE tickets SET first_reply_at = (
    SELECT min(created_at) FROM ticket_comments
    WHERE ticket_comments.ticket_id = tickets.id AND by_agent AND is_public
);
