'use strict';
// Kanban: columns of cards; add a card, move it left or right, up or down, or delete it.

async function moveCard(card, columnId, position) {
  clearMessage();
  try {
    await api('POST', `api/cards/${card.id}/move`, { columnId, position });
    await loadBoard();
  } catch (error) { showError(error); }
}

function cardItem(card, column, columns) {
  const index = columns.findIndex(c => c.id === column.id);
  const button = (text, label, onclick, disabled) => el('button', { type: 'button', class: 'secondary', 'aria-label': label, title: label, onclick, disabled }, text);
  const remove = async () => {
    try {
      await api('DELETE', `api/cards/${card.id}`);
      await loadBoard();
    } catch (error) { showError(error); }
  };
  const buttons = [
    button('←', 'Move left', () => moveCard(card, columns[index - 1].id), index === 0),
    button('↑', 'Move up', () => moveCard(card, column.id, card.position - 1), card.position === 0),
    button('↓', 'Move down', () => moveCard(card, column.id, card.position + 1), card.position === column.cards.length - 1),
    button('→', 'Move right', () => moveCard(card, columns[index + 1].id), index === columns.length - 1),
    el('button', { type: 'button', class: 'danger', 'aria-label': 'Delete', title: 'Delete', onclick: remove }, '×'),
  ];
  return el('li', { class: 'kanban-card', 'data-id': card.id },
    el('strong', {}, card.title), card.description ? el('p', {}, card.description) : null, actions(...buttons));
}

async function loadBoard() {
  const { columns } = await api('GET', 'api/board');
  document.getElementById('board').replaceChildren(...columns.map(column => el('section', { class: 'card column', 'data-column': column.id },
    el('h2', {}, `${column.name} (${column.cards.length})`),
    el('ol', {}, column.cards.map(card => cardItem(card, column, columns))))));
  const select = document.querySelector('#card-form [name="columnId"]');
  if (select.options.length === 0) select.append(...columns.map(c => el('option', { value: c.id }, c.name)));
}

function renderKanban() {
  const form = el('form', { id: 'card-form', class: 'card fields', novalidate: true },
    field('Title', el('input', { name: 'title', type: 'text', maxlength: 200, placeholder: 'Write the README', required: true }), { required: true }),
    field('Column', el('select', { name: 'columnId' })),
    field('Description', el('textarea', { name: 'description', rows: 2, maxlength: 2000 })),
    actions(submitButton('Add card')));
  handleSubmit(form, async () => {
    const description = control(form, 'description').value.trim();
    const card = await api('POST', 'api/cards', { title: control(form, 'title').value.trim(), description: description || null, columnId: control(form, 'columnId').value });
    control(form, 'title').value = '';
    control(form, 'description').value = '';
    showMessage(`Card "${card.title}" added.`);
    await loadBoard();
  });
  root.append(form, el('div', { id: 'board', class: 'board' }));
  loadBoard().catch(showError);
}

(globalThis.archetypeRenderers ??= {}).kanban = renderKanban;
