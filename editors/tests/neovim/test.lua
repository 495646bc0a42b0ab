-- Headless Neovim test of the shipped editors/neovim configuration.
--
--   CC_EDITORS=editors CC_WS=<copy of editors/tests/workspace> CC_FORM=lsp|lsp-settings|legacy \
--     nvim --headless -u NONE -i NONE -c 'luafile editors/tests/neovim/test.lua'
--
-- `crosscheck` must be on PATH (the shipped config runs `crosscheck lsp`). Opens draft.md,
-- waits for a `figure-conflict` diagnostic, then hovers the surname "Ortega" standing alone
-- and checks that the card names "Maria Ortega". lsp-settings also passes
-- init_options = { rules = { ['figure-conflict'] = 'hint' } } and expects a hint. Prints what
-- it saw to stdout; exits non-zero on failure.

local form = os.getenv('CC_FORM') or 'lsp'
local editors = assert(os.getenv('CC_EDITORS'), 'CC_EDITORS not set')
local ws = assert(os.getenv('CC_WS'), 'CC_WS not set')
local article = os.getenv('CC_ARTICLE') or 'draft.md'
local surname = os.getenv('CC_SURNAME') or 'Ortega'
local full_name = os.getenv('CC_FULL_NAME') or 'Maria Ortega'
local timeout = tonumber(os.getenv('CC_TIMEOUT_MS') or '20000')

local function out(fmt, ...)
  io.stdout:write(('[nvim %s] ' .. fmt .. '\n'):format(form, ...))
  io.stdout:flush()
end

local function fail(fmt, ...)
  out('FAIL: ' .. fmt, ...)
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  vim.cmd('filetype on') -- with -u NONE, else FileType never fires
  out('%s', vim.version and tostring(vim.version()) or '?')

  if form == 'lsp' or form == 'lsp-settings' then
    -- Exactly what a user does: lsp/crosscheck.lua on the runtimepath, then the one line.
    vim.opt.runtimepath:prepend(editors .. '/neovim')
    if form == 'lsp-settings' then
      -- The README's way to pass crosscheck.toml keys from Neovim.
      vim.lsp.config('crosscheck', { init_options = { rules = { ['figure-conflict'] = 'hint' } } })
    end
    vim.lsp.enable('crosscheck')
    local cfg = vim.lsp.config.crosscheck
    if not cfg or not cfg.cmd or cfg.cmd[1] ~= 'crosscheck' then
      return fail('lsp/crosscheck.lua was not picked up from the runtimepath')
    end
  else
    vim.cmd.source(editors .. '/neovim/legacy.lua')
  end

  vim.cmd.edit(vim.fn.fnameescape(ws .. '/' .. article))
  local buf = vim.api.nvim_get_current_buf()
  out('opened %s (filetype %s)', article, vim.bo[buf].filetype)

  local client
  vim.wait(timeout, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'crosscheck' })[1]
    return client ~= nil and client.initialized
  end, 50)
  if not client then
    return fail('no crosscheck client attached to %s within %d ms', article, timeout)
  end
  out(
    'client attached: root %s, position encoding %s',
    tostring(client.root_dir or (client.config and client.config.root_dir)),
    tostring(client.offset_encoding)
  )

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local conflict
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == 'figure-conflict' then
        conflict = d
        return true
      end
    end
    return false
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out(
      'diagnostic %d:%d %s [%s] %s',
      d.lnum + 1,
      d.col + 1,
      vim.diagnostic.severity[d.severity] or '?',
      tostring(code_of(d)),
      d.message
    )
  end
  if not conflict then
    return fail('no figure-conflict diagnostic on %s within %d ms', article, timeout)
  end
  local want = form == 'lsp-settings' and 'HINT' or 'WARN'
  if conflict.severity ~= vim.diagnostic.severity[want] then
    return fail(
      'figure-conflict has severity %s, expected %s',
      vim.diagnostic.severity[conflict.severity] or '?',
      want
    )
  end

  -- The surname alone in the body (not the title): not preceded by "Maria ".
  local row, col
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local init = line:match('^%s*#') and #line + 1 or 1
    while true do
      local s = line:find(surname, init, true)
      if not s then
        break
      end
      if not line:sub(1, s - 1):match(vim.pesc(vim.split(full_name, ' ')[1]) .. '%s+$') then
        row, col = i, s - 1
        break
      end
      init = s + 1
    end
    if row then
      break
    end
  end
  if not row then
    return fail('no lone "%s" in %s', surname, article)
  end
  vim.api.nvim_win_set_cursor(0, { row, col + 2 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  out('hover at %d:%d (%s)', row, col + 3, surname)
  local results = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
  local text = ''
  for _, r in pairs(results or {}) do
    if r.err then
      return fail('hover error: %s', vim.inspect(r.err))
    end
    local contents = r.result and r.result.contents
    if contents then
      local lines = vim.lsp.util.convert_input_to_markdown_lines(contents)
      text = text .. table.concat(lines, '\n')
    end
  end
  for _, l in ipairs(vim.split(text, '\n')) do
    out('hover | %s', l)
  end
  if not text:find(full_name, 1, true) then
    return fail('hover card on "%s" does not contain "%s"', surname, full_name)
  end
  out('PASS: figure-conflict diagnostic and hover card with "%s"', full_name)
end)

if not ok then
  fail('error: %s', tostring(err))
end
vim.cmd('qa!')
