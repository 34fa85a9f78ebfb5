// allauth's webauthn.js reports a failed or cancelled key ceremony as an
// "allauth.error" event; show the page's Swedish message instead of the
// console only. (A file of its own: the CSP allows no inline script.)
document.addEventListener('allauth.error', function (event) {
  const message = document.getElementById('webauthn-error')
  if (message) {
    event.preventDefault()
    message.hidden = false
    message.focus()
  }
})
