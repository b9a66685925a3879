//! Terminal events into app actions: the one place that knows crossterm's
//! key and mouse types.

use crossterm::event::{
    Event, KeyCode as TermKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::Action;
use crate::app::keys::{Gesture, Key, KeyCode, Mouse};

pub fn action_for(event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => key_for(key).map(Action::Key),
        Event::Mouse(mouse) => mouse_for(mouse).map(Action::Mouse),
        Event::Resize(width, height) => Some(Action::Resize { width: *width, height: *height }),
        _ => None,
    }
}

fn key_for(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        TermKey::Char(c) => KeyCode::Char(c),
        TermKey::Enter => KeyCode::Enter,
        TermKey::Esc => KeyCode::Esc,
        TermKey::Tab => KeyCode::Tab,
        TermKey::BackTab => KeyCode::BackTab,
        TermKey::Backspace => KeyCode::Backspace,
        TermKey::Up => KeyCode::Up,
        TermKey::Down => KeyCode::Down,
        TermKey::Left => KeyCode::Left,
        TermKey::Right => KeyCode::Right,
        TermKey::Home => KeyCode::Home,
        TermKey::End => KeyCode::End,
        TermKey::PageUp => KeyCode::PageUp,
        TermKey::PageDown => KeyCode::PageDown,
        TermKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The left button's press and the wheel; moves, drags and releases are
/// dropped, so holding the button does not flood the app.
fn mouse_for(event: &MouseEvent) -> Option<Mouse> {
    let gesture = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Gesture::Click,
        MouseEventKind::ScrollUp => Gesture::ScrollUp,
        MouseEventKind::ScrollDown => Gesture::ScrollDown,
        _ => return None,
    };
    Some(Mouse { gesture, column: event.column, row: event.row })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mouse(kind: MouseEventKind) -> Event {
        Event::Mouse(MouseEvent { kind, column: 7, row: 3, modifiers: KeyModifiers::NONE })
    }

    #[test]
    fn the_left_button_and_the_wheel_become_gestures() {
        let gesture = |kind| match action_for(&mouse(kind)) {
            Some(Action::Mouse(Mouse { gesture, column: 7, row: 3 })) => Some(gesture),
            _ => None,
        };
        assert_eq!(gesture(MouseEventKind::Down(MouseButton::Left)), Some(Gesture::Click));
        assert_eq!(gesture(MouseEventKind::ScrollUp), Some(Gesture::ScrollUp));
        assert_eq!(gesture(MouseEventKind::ScrollDown), Some(Gesture::ScrollDown));
        assert_eq!(gesture(MouseEventKind::Down(MouseButton::Right)), None);
        assert_eq!(gesture(MouseEventKind::Moved), None);
        assert_eq!(gesture(MouseEventKind::Drag(MouseButton::Left)), None);
        assert_eq!(gesture(MouseEventKind::Up(MouseButton::Left)), None);
    }

    #[test]
    fn a_key_release_is_dropped() {
        let mut release = KeyEvent::new(TermKey::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(action_for(&Event::Key(release)).is_none());
        let press = KeyEvent::new(TermKey::Char('j'), KeyModifiers::NONE);
        assert!(matches!(action_for(&Event::Key(press)), Some(Action::Key(key)) if key == Key::char('j')));
    }
}
