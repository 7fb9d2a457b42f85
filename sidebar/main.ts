document.getElementById('app')!.textContent = 'Lead scoring';
